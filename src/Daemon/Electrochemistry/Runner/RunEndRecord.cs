namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>How a run ended, as stored in <c>run_ends</c>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ChannelId">Its channel.</param>
/// <param name="EndedUnixS">When it ended (daemon clock, Unix seconds).</param>
/// <param name="EndState">Finished, Aborted, Halted or Faulted.</param>
/// <param name="ExitStatus">"success" (Finished), "abort" (Aborted, Halted) or "fail" (Faulted), as event-model spells it.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record RunEndRecord(string RunId, string ChannelId, double EndedUnixS, RunState EndState, string ExitStatus, string Reason)
{
    /// <summary>The event-model exit status of an end state.</summary>
    public static string ExitStatusOf(RunState endState) => endState switch
    {
        RunState.Finished => "success",
        RunState.Aborted or RunState.Halted => "abort",
        _ => "fail",
    };
}
