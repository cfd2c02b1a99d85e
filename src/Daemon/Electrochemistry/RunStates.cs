namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>Which <see cref="RunState"/>s allow which operator actions, in one place.</summary>
public static class RunStates
{
    /// <summary>True while a run is in progress (anything from Running until its end state).</summary>
    public static bool IsActive(this RunState state) => state is RunState.Running or RunState.Pausing or RunState.Paused
        or RunState.Suspended or RunState.Stopping or RunState.Aborting;

    /// <summary>True once a run has ended (or none has started): a new protocol may start.</summary>
    public static bool CanStart(this RunState state) => !state.IsActive();

    /// <summary>True when the run ended well: Finished (completed or stopped).</summary>
    public static bool IsSuccess(this RunState state) => state == RunState.Finished;

    /// <summary>States from which <paramref name="action"/> is allowed.</summary>
    public static IReadOnlyList<RunState> AllowedFrom(RunAction action) => action switch
    {
        RunAction.Pause => [RunState.Running],
        RunAction.Suspend => [RunState.Running],
        RunAction.Resume => [RunState.Paused, RunState.Suspended],
        RunAction.Stop or RunAction.Abort => [RunState.Running, RunState.Pausing, RunState.Paused, RunState.Suspended],
        RunAction.Halt => [RunState.Running, RunState.Pausing, RunState.Paused, RunState.Suspended, RunState.Stopping, RunState.Aborting],
        _ => [],
    };
}

/// <summary>What an operator (or an interlock) can ask a running channel to do.</summary>
public enum RunAction
{
    /// <summary>Hold the cell by a hold policy until resumed.</summary>
    Pause,
    /// <summary>An interlock holds the cell by a hold policy until resumed.</summary>
    Suspend,
    /// <summary>Continue where the run was paused or suspended.</summary>
    Resume,
    /// <summary>End the run cleanly, as a success.</summary>
    Stop,
    /// <summary>End the run cleanly, as a failure.</summary>
    Abort,
    /// <summary>End the run at once, without clean-up (the cell still goes to open circuit).</summary>
    Halt,
}
