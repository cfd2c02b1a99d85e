namespace OperandoRig.Daemon.Beamline;

/// <summary>How a scan ended.</summary>
public enum ScanEndReason
{
    /// <summary>Every point was measured.</summary>
    Completed,

    /// <summary>The caller cancelled it (points so far are kept).</summary>
    Cancelled,

    /// <summary>A spot's dose budget was spent and no fresh spot was left: no exposure beyond a budget.</summary>
    DoseBudgetExhausted,

    /// <summary>A device failed (the message says which and how).</summary>
    Faulted,
}
