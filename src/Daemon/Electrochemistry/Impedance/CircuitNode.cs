using System.Numerics;

namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// A node of a parsed circuit: an element, a series chain or a parallel group. Its parameters are the contiguous
/// range <see cref="First"/> .. <see cref="First"/> + <see cref="Count"/> of the circuit's vector (parse order).
/// </summary>
internal abstract class CircuitNode
{
    public abstract int First { get; }

    public abstract int Count { get; }

    /// <summary>Impedance at angular frequency <paramref name="omega"/> (rad/s) for the parameter vector <paramref name="p"/>, in Ω.</summary>
    public abstract Complex ImpedanceOhm(double omega, ReadOnlySpan<double> p);

    /// <summary>
    /// Impedance as <see cref="ImpedanceOhm(double, ReadOnlySpan{double})"/>, and its derivatives ∂Z/∂pₖ written
    /// into <paramref name="derivatives"/> at this node's parameter range (analytically, through series and parallel).
    /// </summary>
    public abstract Complex ImpedanceOhm(double omega, ReadOnlySpan<double> p, Span<Complex> derivatives);
}

/// <summary>Elements in series: the impedances add.</summary>
internal sealed class SeriesNode(IReadOnlyList<CircuitNode> parts) : CircuitNode
{
    public IReadOnlyList<CircuitNode> Parts { get; } = parts;

    public override int First => Parts[0].First;

    public override int Count { get; } = parts.Sum(x => x.Count);

    public override Complex ImpedanceOhm(double omega, ReadOnlySpan<double> p)
    {
        var z = Complex.Zero;
        foreach (var part in Parts)
        {
            z += part.ImpedanceOhm(omega, p);
        }

        return z;
    }

    public override Complex ImpedanceOhm(double omega, ReadOnlySpan<double> p, Span<Complex> derivatives)
    {
        var z = Complex.Zero;
        foreach (var part in Parts)
        {
            z += part.ImpedanceOhm(omega, p, derivatives);
        }

        return z;
    }
}

/// <summary>Branches in parallel: the admittances add; ∂Z/∂p = (Z/Zᵢ)²·∂Zᵢ/∂p for a parameter of branch i.</summary>
internal sealed class ParallelNode(IReadOnlyList<CircuitNode> branches) : CircuitNode
{
    public IReadOnlyList<CircuitNode> Branches { get; } = branches;

    public override int First => Branches[0].First;

    public override int Count { get; } = branches.Sum(x => x.Count);

    public override Complex ImpedanceOhm(double omega, ReadOnlySpan<double> p)
    {
        var y = Complex.Zero;
        foreach (var branch in Branches)
        {
            y += 1 / branch.ImpedanceOhm(omega, p);
        }

        return 1 / y;
    }

    public override Complex ImpedanceOhm(double omega, ReadOnlySpan<double> p, Span<Complex> derivatives)
    {
        Span<Complex> branchZ = Branches.Count <= 16 ? stackalloc Complex[Branches.Count] : new Complex[Branches.Count];
        var y = Complex.Zero;
        for (var i = 0; i < Branches.Count; i++)
        {
            branchZ[i] = Branches[i].ImpedanceOhm(omega, p, derivatives);
            y += 1 / branchZ[i];
        }

        var z = 1 / y;
        for (var i = 0; i < Branches.Count; i++)
        {
            var ratio = z / branchZ[i];
            var factor = ratio * ratio;
            var b = Branches[i];
            for (var k = b.First; k < b.First + b.Count; k++)
            {
                derivatives[k] *= factor;
            }
        }

        return z;
    }
}
