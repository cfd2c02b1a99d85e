using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>A channel runner's state and counters at one instant (what GetChannelStatus returns).</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="RunId">The present (or last) run, empty before the first.</param>
/// <param name="State">The runner's state.</param>
/// <param name="EndReason">Why the last run ended, once it has.</param>
/// <param name="Hold">The hold policy while paused or suspended, else null.</param>
/// <param name="StepLabel">Label of the step in progress.</param>
/// <param name="Counters">Cycle, step and charge/energy tallies.</param>
/// <param name="LastVoltageV">Voltage of the last recorded sample, V (NaN before the first).</param>
/// <param name="LastCurrentA">Current of the last recorded sample, A (NaN before the first).</param>
/// <param name="LastStepTimeS">Step time of the last recorded sample, s (NaN before the first).</param>
public sealed record ChannelStatus(
    string ChannelId,
    string RunId,
    RunState State,
    string EndReason,
    HoldPolicy? Hold,
    string StepLabel,
    RunCountersSnapshot Counters,
    double LastVoltageV,
    double LastCurrentA,
    double LastStepTimeS);
