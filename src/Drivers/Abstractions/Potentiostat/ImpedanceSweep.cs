namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>
/// The frequencies and amplitude of an impedance step, swept from <see cref="StartFrequencyHz"/> to
/// <see cref="EndFrequencyHz"/> (usually high to low) with <see cref="PointsPerDecade"/> log-spaced points.
/// </summary>
/// <param name="StartFrequencyHz">First frequency, Hz (e.g. 1 MHz).</param>
/// <param name="EndFrequencyHz">Last frequency, Hz (e.g. 100 mHz).</param>
/// <param name="PointsPerDecade">Points per decade, 1..100 (typically 5..10).</param>
/// <param name="Amplitude">Excitation amplitude: V (rms) for potentiostatic, A (rms) for galvanostatic EIS.</param>
public sealed record ImpedanceSweep(double StartFrequencyHz, double EndFrequencyHz, int PointsPerDecade, double Amplitude)
{
    /// <summary>The sweep's frequencies in order, log-spaced, both ends included.</summary>
    public IReadOnlyList<double> Frequencies()
    {
        var decades = Math.Log10(EndFrequencyHz / StartFrequencyHz);
        var count = Math.Max(1, (int)Math.Round(Math.Abs(decades) * PointsPerDecade)) + 1;
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = StartFrequencyHz * Math.Pow(10, decades * i / (count - 1));
        }

        return result;
    }
}
