using System.Numerics;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>One measured point of an impedance spectrum.</summary>
/// <param name="FrequencyHz">Frequency, in Hz.</param>
/// <param name="ImpedanceOhm">Impedance Z = Z' + jZ'' (capacitive Z'' &lt; 0), in Ω.</param>
public readonly record struct ImpedanceDatum(double FrequencyHz, Complex ImpedanceOhm)
{
    /// <summary>The point of a channel's impedance record.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="point"/> is null.</exception>
    public static ImpedanceDatum From(ImpedancePoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new ImpedanceDatum(point.FrequencyHz, new Complex(point.RealOhm, point.ImaginaryOhm));
    }

    /// <summary>True when the frequency is positive and finite and the impedance finite.</summary>
    public bool IsValid => FrequencyHz > 0 && double.IsFinite(FrequencyHz)
        && double.IsFinite(ImpedanceOhm.Real) && double.IsFinite(ImpedanceOhm.Imaginary);
}
