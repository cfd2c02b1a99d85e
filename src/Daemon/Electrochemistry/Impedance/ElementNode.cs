using System.Numerics;

namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>One element; its parameters sit at <see cref="Offset"/> in the circuit's parameter vector.</summary>
internal sealed class ElementNode(CircuitElementType type, string name, int offset) : CircuitNode
{
    public CircuitElementType Type { get; } = type;

    public string Name { get; } = name;

    public int Offset { get; } = offset;

    public override int First => Offset;

    public override int Count { get; } = ParametersOf(type, name).Count();

    /// <summary>The symbol used in circuit strings.</summary>
    public static string Symbol(CircuitElementType type) => type switch
    {
        CircuitElementType.Resistor => "R",
        CircuitElementType.Capacitor => "C",
        CircuitElementType.Inductor => "L",
        CircuitElementType.ConstantPhase => "CPE",
        CircuitElementType.Warburg => "W",
        CircuitElementType.WarburgShort => "Ws",
        _ => "Wo",
    };

    /// <summary>The parameters of an element named <paramref name="name"/> of type <paramref name="type"/>, in vector order.</summary>
    public static IEnumerable<CircuitParameter> ParametersOf(CircuitElementType type, string name) => type switch
    {
        CircuitElementType.Resistor => [new(name, name, CircuitParameterKind.ResistanceOhm)],
        CircuitElementType.Capacitor => [new(name, name, CircuitParameterKind.CapacitanceF)],
        CircuitElementType.Inductor => [new(name, name, CircuitParameterKind.InductanceH)],
        CircuitElementType.ConstantPhase =>
        [
            new(name + ".Q", name, CircuitParameterKind.CpeCoefficient),
            new(name + ".alpha", name, CircuitParameterKind.CpeExponent),
        ],
        CircuitElementType.Warburg => [new(name + ".sigma", name, CircuitParameterKind.WarburgCoefficientOhmPerSqrtS)],
        _ =>
        [
            new(name + ".R", name, CircuitParameterKind.ResistanceOhm),
            new(name + ".tau", name, CircuitParameterKind.TimeConstantS),
        ],
    };

    public override Complex ImpedanceOhm(double omega, ReadOnlySpan<double> p) => ImpedanceOhm(omega, p, []);

    /// <remarks>An empty <paramref name="derivatives"/> skips the derivatives.</remarks>
    public override Complex ImpedanceOhm(double omega, ReadOnlySpan<double> p, Span<Complex> derivatives)
    {
        var z = Evaluate(omega, p);
        if (derivatives.IsEmpty)
        {
            return z;
        }

        var a = p[Offset];
        switch (Type)
        {
            case CircuitElementType.Resistor:
                derivatives[Offset] = 1;
                break;
            case CircuitElementType.Inductor:
                derivatives[Offset] = new Complex(0, omega);
                break;
            case CircuitElementType.ConstantPhase:
                derivatives[Offset] = -z / a;
                derivatives[Offset + 1] = -z * new Complex(Math.Log(omega), Math.PI / 2);
                break;
            case CircuitElementType.Capacitor:
                derivatives[Offset] = -z / a;
                break;
            case CircuitElementType.Warburg:
                derivatives[Offset] = z / a;
                break;
            default:
                derivatives[Offset] = z / a;
            {
                // Z = R·g(x), x = √(jωτ): ∂Z/∂τ = R·g′(x)·x/(2τ).
                var tau = p[Offset + 1];
                var x = Complex.Sqrt(new Complex(0, omega * tau));
                derivatives[Offset + 1] = a * FiniteWarburgSlope(Type, x) * x / (2 * tau);
                break;
            }
        }

        return z;
    }

    /// <summary>d/dx of tanh(x)/x (Ws) or coth(x)/x (Wo).</summary>
    private static Complex FiniteWarburgSlope(CircuitElementType type, Complex x)
    {
        if (x.Real > 20)
        {
            return -1 / (x * x);
        }

        var t = Complex.Tanh(x);
        if (type == CircuitElementType.WarburgShort)
        {
            return ((1 - (t * t)) / x) - (t / (x * x));
        }

        var c = 1 / t;
        return (-((c * c) - 1) / x) - (c / (x * x));
    }

    private Complex Evaluate(double omega, ReadOnlySpan<double> p)
    {
        var a = p[Offset];
        switch (Type)
        {
            case CircuitElementType.Resistor:
                return a;
            case CircuitElementType.Capacitor:
                return new Complex(0, -1 / (omega * a));
            case CircuitElementType.Inductor:
                return new Complex(0, omega * a);
            case CircuitElementType.ConstantPhase:
            {
                // (jω)^α = ω^α·(cos απ/2 + j sin απ/2), exactly, without a complex power.
                var alpha = p[Offset + 1];
                var phase = alpha * Math.PI / 2;
                return 1 / (a * Math.Pow(omega, alpha) * new Complex(Math.Cos(phase), Math.Sin(phase)));
            }

            case CircuitElementType.Warburg:
                return new Complex(a, -a) / Math.Sqrt(omega);
            default:
            {
                var x = Complex.Sqrt(new Complex(0, omega * p[Offset + 1]));
                Complex ratio;
                if (x.Real > 20)
                {
                    ratio = 1 / x;
                }
                else if (Type == CircuitElementType.WarburgShort)
                {
                    ratio = Complex.Tanh(x) / x;
                }
                else
                {
                    ratio = 1 / (Complex.Tanh(x) * x);
                }

                return a * ratio;
            }
        }
    }
}
