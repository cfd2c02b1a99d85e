using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>
/// The runner's state as written to the journal at a step transition or a state change: enough for a restarted
/// daemon to know where the run was (step, cycle, cursor), what had flowed (the counters) and what the cell was
/// being told to do (the last set points and hold policy).
/// </summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="RunId">The run.</param>
/// <param name="EntryNumber">1, 2, 3 … within the run.</param>
/// <param name="TimeUnixS">When, on the daemon clock (the device's time of a step transition).</param>
/// <param name="Kind">Why the entry was written: <c>start</c>, <c>step</c>, <c>state</c> or <c>end</c>.</param>
/// <param name="State">The runner's state.</param>
/// <param name="StepIndex">The step in progress (run-wide index, see <see cref="RunCountersSnapshot.StepIndex"/>).</param>
/// <param name="StepLabel">Its label.</param>
/// <param name="Counters">Cycle, step number and charge/energy tallies.</param>
/// <param name="SetKind">The step kind in progress (the set point's meaning).</param>
/// <param name="SetCurrentA">Its current set point, A.</param>
/// <param name="SetVoltageV">Its voltage set point, V.</param>
/// <param name="Hold">The hold policy while paused or suspended, else null.</param>
/// <param name="Cursor">The protocol cursor's state (<see cref="Protocols.CursorState.ToJson"/>) after the steps before this entry ended,
/// null for a protocol built from device steps alone (a flat step list).</param>
public sealed record RunJournalEntry(
    string ChannelId,
    string RunId,
    long EntryNumber,
    double TimeUnixS,
    string Kind,
    RunState State,
    int StepIndex,
    string StepLabel,
    RunCountersSnapshot Counters,
    StepKind SetKind,
    double SetCurrentA,
    double SetVoltageV,
    HoldPolicy? Hold,
    string? Cursor);
