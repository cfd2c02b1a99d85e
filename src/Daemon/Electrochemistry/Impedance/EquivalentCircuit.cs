using System.Numerics;

namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// An equivalent circuit parsed from a string in the impedance.py notation (<c>-</c> series, <c>p(a,b)</c> parallel;
/// elements R, C, L, CPE (Q, α), W (semi-infinite, σ), Ws/Wo (finite-length Warburg, R and τ, transmissive/reflective)),
/// e.g. <c>R0-p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3)-W1</c>. Immutable and thread-safe.
/// </summary>
public sealed class EquivalentCircuit
{
    private EquivalentCircuit(string text, CircuitNode root, IReadOnlyList<CircuitParameter> parameters)
    {
        Text = text;
        Root = root;
        Parameters = parameters;
    }

    /// <summary>The circuit string as given.</summary>
    public string Text { get; }

    /// <summary>The parameters in vector order (the order <see cref="ImpedanceOhm"/> expects).</summary>
    public IReadOnlyList<CircuitParameter> Parameters { get; }

    internal CircuitNode Root { get; }

    /// <summary>Parses a circuit string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="CircuitFormatException">The string is not a valid circuit; the exception names the position and token.</exception>
    public static EquivalentCircuit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (root, parameters) = CircuitParser.Parse(text);
        return new EquivalentCircuit(text, root, parameters);
    }

    /// <summary>Index of the parameter called <paramref name="name"/> (e.g. <c>CPE1.alpha</c>), or −1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The circuit's impedance at <paramref name="frequencyHz"/> for the parameter values <paramref name="values"/>, in Ω.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have one value per parameter.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frequencyHz"/> is not a positive finite number.</exception>
    public Complex ImpedanceOhm(double frequencyHz, ReadOnlySpan<double> values)
    {
        if (values.Length != Parameters.Count)
        {
            throw new ArgumentException($"The circuit {Text} has {Parameters.Count} parameters, got {values.Length} values.", nameof(values));
        }

        if (!(frequencyHz > 0) || double.IsPositiveInfinity(frequencyHz))
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "The frequency must be a positive finite number of hertz.");
        }

        return Root.ImpedanceOhm(2 * Math.PI * frequencyHz, values);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
