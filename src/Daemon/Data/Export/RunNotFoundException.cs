namespace OperandoRig.Daemon.Data.Export;

/// <summary>An export asked for a run the store does not hold.</summary>
public sealed class RunNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception for <paramref name="runId"/>.</summary>
    public RunNotFoundException(string runId)
        : base($"run '{runId}' is not in the store")
    {
        RunId = runId;
    }

    /// <summary>Creates the exception without a run id.</summary>
    public RunNotFoundException()
        : base("run is not in the store")
    {
        RunId = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RunNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        RunId = string.Empty;
    }

    /// <summary>The run that was asked for.</summary>
    public string RunId { get; }
}
