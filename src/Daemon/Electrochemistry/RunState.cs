namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>
/// What a channel runner is doing (DESIGN.md, execution states). Idle → Running ⇄ Pausing/Paused, Suspended;
/// Running, Pausing, Paused or Suspended → Stopping → Finished (clean, success), → Aborting → Aborted (clean,
/// failure), → Halted (no clean-up), or → Faulted (a safety trip or a device fault). Pauses and suspensions are
/// states, never errors. See <see cref="RunStates"/> for the transitions an operator may ask for.
/// </summary>
public enum RunState
{
    /// <summary>No run has started on the channel.</summary>
    Idle,
    /// <summary>A protocol is running.</summary>
    Running,
    /// <summary>A pause was asked for; the channel is being told to hold the cell.</summary>
    Pausing,
    /// <summary>Paused by an operator; the cell is held by the hold policy given at pause (open circuit, hold voltage, keep current).</summary>
    Paused,
    /// <summary>Suspended by an interlock (e.g. the beam is down); the cell is held by the interlock's hold policy until it is resumed.</summary>
    Suspended,
    /// <summary>A stop was asked for: the cell is being put at open circuit and the run's data stored; ends as <see cref="Finished"/>.</summary>
    Stopping,
    /// <summary>An abort was asked for: the same clean-up as a stop, but the run ends as <see cref="Aborted"/> (a failure).</summary>
    Aborting,
    /// <summary>The last run completed, or was stopped cleanly (success).</summary>
    Finished,
    /// <summary>The last run was aborted by an operator after a clean-up (failure).</summary>
    Aborted,
    /// <summary>The last run was halted: the cell was put at open circuit at once and the runner let go without clean-up.</summary>
    Halted,
    /// <summary>The last run ended on a safety trip or a device fault; the cell was left at open circuit.</summary>
    Faulted,
}
