namespace OperandoRig.Daemon.Data.Export;

/// <summary>How a run ended, as event-model's RunStop <c>exit_status</c> spells it.</summary>
public enum RunExitStatus
{
    /// <summary>"success": the protocol ran to its end.</summary>
    Success,

    /// <summary>"abort": an operator stopped the run.</summary>
    Abort,

    /// <summary>"fail": a fault ended the run.</summary>
    Fail,
}
