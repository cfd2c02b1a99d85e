namespace OperandoRig.Daemon.Operando.Sync;

/// <summary>
/// A moment at which a held cell waits for an external beamline script: the script measures, then acknowledges
/// <see cref="SyncId"/>.
/// </summary>
/// <param name="SyncId">Unique id to acknowledge.</param>
/// <param name="ChannelId">The held cell's channel.</param>
/// <param name="RunId">The channel's run.</param>
/// <param name="TriggerId">The trigger firing that led here.</param>
/// <param name="Label">What the script is expected to do.</param>
/// <param name="Spots">The cell's spots on the holder.</param>
/// <param name="PublishedUnixS">When it was published, daemon clock.</param>
/// <param name="DeadlineUnixS">When the fallback is taken if it is not acknowledged.</param>
/// <param name="State">The cell's state when published.</param>
public sealed record SyncPoint(
    string SyncId,
    string ChannelId,
    string RunId,
    string TriggerId,
    string Label,
    IReadOnlyList<string> Spots,
    double PublishedUnixS,
    double DeadlineUnixS,
    CellStateSnapshot? State);

/// <summary>What the script said when it acknowledged a sync point.</summary>
/// <param name="Outcome">What it did, e.g. <c>done</c> or <c>failed</c>.</param>
/// <param name="Note">Free text, e.g. what it measured.</param>
/// <param name="AcknowledgedUnixS">When, on the daemon clock.</param>
public sealed record SyncAcknowledgement(string Outcome, string Note, double AcknowledgedUnixS);

/// <summary>How a sync point ended.</summary>
public enum SyncOutcome
{
    /// <summary>The script acknowledged it in time.</summary>
    Acknowledged,
    /// <summary>No acknowledgement before the deadline.</summary>
    TimedOut,
}

/// <summary>The answer to an acknowledgement.</summary>
public enum AckResult
{
    /// <summary>Accepted: the engine goes on.</summary>
    Accepted,
    /// <summary>No such sync point.</summary>
    Unknown,
    /// <summary>Too late: the deadline passed and the fallback was taken.</summary>
    Expired,
    /// <summary>It had already been acknowledged.</summary>
    AlreadyAcknowledged,
}
