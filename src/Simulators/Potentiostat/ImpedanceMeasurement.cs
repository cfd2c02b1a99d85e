using System.Numerics;

namespace OperandoRig.Simulators.Potentiostat;

/// <summary>
/// How long a simulated EIS point takes and how noisy it is, as on a real frequency-response analyser:
/// each frequency is settled for <see cref="SettleCycles"/> periods and integrated over
/// <see cref="MeasureCycles"/> periods (at least <see cref="MinPointTimeS"/> per point, the instrument's
/// overhead at high frequency). The relative error of Z comes from the voltage and current noise against
/// the excitation and response amplitudes, reduced by √(cycles integrated).
/// </summary>
internal static class ImpedanceMeasurement
{
    public const double SettleCycles = 1;
    public const double MeasureCycles = 2;
    public const double MinPointTimeS = 0.2;

    public static TimeSpan PointDuration(double frequencyHz) =>
        TimeSpan.FromSeconds(Math.Max(MinPointTimeS, (SettleCycles + MeasureCycles) / frequencyHz));

    /// <summary>The measured impedance: the true one with the measurement's relative noise.</summary>
    /// <param name="trueOhm">The cell's small-signal impedance.</param>
    /// <param name="galvanostatic">True for GEIS (amplitude in A), false for PEIS (amplitude in V).</param>
    /// <param name="amplitude">Excitation amplitude, V or A.</param>
    /// <param name="voltageNoiseV">Voltage measurement noise, V.</param>
    /// <param name="currentNoiseA">Current measurement noise, A.</param>
    /// <param name="noise">The channel's noise source.</param>
    public static Complex Measure(Complex trueOhm, bool galvanostatic, double amplitude, double voltageNoiseV, double currentNoiseA, MeasurementNoise noise)
    {
        var magnitudeOhm = trueOhm.Magnitude;
        var (voltageAmplitudeV, currentAmplitudeA) = galvanostatic
            ? (amplitude * magnitudeOhm, amplitude)
            : (amplitude, amplitude / Math.Max(magnitudeOhm, 1e-12));
        var relative = Math.Sqrt(Math.Pow(voltageNoiseV / voltageAmplitudeV, 2) + Math.Pow(currentNoiseA / currentAmplitudeA, 2))
            / Math.Sqrt(MeasureCycles);
        return trueOhm * new Complex(1 + noise.Next(relative), noise.Next(relative));
    }
}
