namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>What a channel runner is doing.</summary>
public enum RunState
{
    /// <summary>No run has started on the channel.</summary>
    Idle,
    /// <summary>A protocol is running.</summary>
    Running,
    /// <summary>The last run completed or was stopped cleanly.</summary>
    Finished,
    /// <summary>The last run ended on a device fault; the cell was left at open circuit.</summary>
    Faulted,
}
