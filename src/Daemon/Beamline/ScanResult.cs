namespace OperandoRig.Daemon.Beamline;

/// <summary>What a scan did.</summary>
/// <param name="ScanId">The scan.</param>
/// <param name="RunId">The run.</param>
/// <param name="PlanName">The plan's name.</param>
/// <param name="EndReason">How it ended.</param>
/// <param name="Message">A sentence saying why it ended.</param>
/// <param name="Started">Start, daemon clock.</param>
/// <param name="Ended">End, daemon clock.</param>
/// <param name="Points">The recorded points, in order.</param>
/// <param name="DeadTime">Where the time went.</param>
/// <param name="SpotDoseGy">Dose the daemon booked per spot, Gy.</param>
/// <param name="Remeasured">Exposures discarded (no beam during the count) and measured again.</param>
/// <param name="Suspensions">Times the scan was suspended.</param>
/// <param name="SpotChanges">Moves to a fresh spot because a budget was spent.</param>
/// <param name="Events">The events the scan published.</param>
public sealed record ScanResult(
    string ScanId,
    string RunId,
    string PlanName,
    ScanEndReason EndReason,
    string Message,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    IReadOnlyList<ScanPointRecord> Points,
    DeadTimeBreakdown DeadTime,
    IReadOnlyDictionary<string, double> SpotDoseGy,
    int Remeasured,
    int Suspensions,
    int SpotChanges,
    IReadOnlyList<ScanEvent> Events);
