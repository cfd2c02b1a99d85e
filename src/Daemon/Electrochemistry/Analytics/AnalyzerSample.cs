using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>
/// The fields of a <see cref="SampleRecord"/> that cycle analytics needs, as a value type, so the hot path and
/// benchmarks can feed samples without allocating.
/// </summary>
/// <param name="TimeUnixS">Sample time, seconds since the Unix epoch (any monotonic origin works).</param>
/// <param name="VoltageV">Terminal voltage in volts.</param>
/// <param name="CurrentA">Current in amperes, positive charges the cell.</param>
/// <param name="ChargeAh">The device's cumulative signed charge since the run start, in ampere-hours.</param>
/// <param name="StepIndex">Index of the protocol step the sample belongs to.</param>
/// <param name="StepTimeS">Time since the start of that step, in seconds.</param>
/// <param name="Cycle">1-based cycle number from the protocol's loops.</param>
public readonly record struct AnalyzerSample(
    double TimeUnixS,
    double VoltageV,
    double CurrentA,
    double ChargeAh,
    int StepIndex,
    double StepTimeS,
    int Cycle)
{
    /// <summary>The analytics view of a stored or streamed sample.</summary>
    public static AnalyzerSample From(SampleRecord sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new AnalyzerSample(sample.TimeUnixS, sample.VoltageV, sample.CurrentA, sample.ChargeAh,
            sample.StepIndex, sample.StepTimeS, sample.Cycle);
    }
}
