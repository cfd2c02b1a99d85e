namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>The counters of a run at one instant: where it is in the protocol and what has flowed.</summary>
/// <param name="Cycle">Cycle number of the step in progress (1-based; 0 before the first sample).</param>
/// <param name="StepIndex">Run-wide index of the step in progress: its 0-based position in the sequence of steps the run has
/// executed (for a linear protocol, its index in the unrolled step list).</param>
/// <param name="StepNumber">Steps started so far in this run, 1, 2, 3 … (counts repeats of a step).</param>
/// <param name="SampleCount">Samples integrated so far.</param>
/// <param name="Step">What flowed in the step in progress.</param>
/// <param name="CycleTally">What flowed in the cycle in progress.</param>
/// <param name="Total">What flowed since the run started.</param>
/// <param name="LastSampleTimeUnixS">Time of the last integrated sample (Unix seconds), NaN before the first.</param>
public sealed record RunCountersSnapshot(
    int Cycle,
    int StepIndex,
    long StepNumber,
    long SampleCount,
    ChargeTally Step,
    ChargeTally CycleTally,
    ChargeTally Total,
    double LastSampleTimeUnixS)
{
    /// <summary>The counters before a run's first sample.</summary>
    public static RunCountersSnapshot Empty { get; } = new(0, 0, 0, 0, default, default, default, double.NaN);
}
