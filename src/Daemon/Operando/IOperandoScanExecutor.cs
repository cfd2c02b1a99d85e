namespace OperandoRig.Daemon.Operando;

/// <summary>
/// Runs one scan for the operando engine on the beam it was granted. The daemon's implementation adapts the beamline's
/// scan runner; tests use fakes that take a known time.
/// </summary>
public interface IOperandoScanExecutor
{
    /// <summary>Runs <paramref name="request"/>'s scan, tagging every point through the request's tagger.</summary>
    Task<OperandoScanResult> RunAsync(OperandoScanRequest request, CancellationToken cancellationToken);
}

/// <summary>One scan the engine asks for.</summary>
/// <param name="RunId">The channel's run id (scans and electrochemistry share it).</param>
/// <param name="ScanId">Unique scan id.</param>
/// <param name="ChannelId">The cell's channel.</param>
/// <param name="PlanName">The scan plan's name in the operando plan.</param>
/// <param name="Spot">The named spot on the sample holder.</param>
/// <param name="TriggerId">The trigger firing the scan is for.</param>
/// <param name="Tagger">Tags each point with the cell's state at its time.</param>
public sealed record OperandoScanRequest(string RunId, string ScanId, string ChannelId, string PlanName, string Spot, string TriggerId, CellStateTagger Tagger);

/// <summary>What a scan did.</summary>
/// <param name="ScanId">The scan.</param>
/// <param name="PointCount">Points measured.</param>
/// <param name="TaggedCount">Points that carry a cell state.</param>
/// <param name="StartUnixS">First point's time (or the start), Unix s.</param>
/// <param name="EndUnixS">The end, Unix s.</param>
/// <param name="EndReason">Why it ended (e.g. <c>completed</c>).</param>
/// <param name="MinSoc">Lowest SOC among the tags (NaN without tags).</param>
/// <param name="MaxSoc">Highest SOC among the tags (NaN without tags).</param>
/// <param name="EdgeEv">The spectrum's edge position (maximum of dμ/dE near E₀), eV; NaN when the scan has no edge or no transmission pair.</param>
public sealed record OperandoScanResult(string ScanId, int PointCount, int TaggedCount, double StartUnixS, double EndUnixS, string EndReason, double MinSoc, double MaxSoc,
    double EdgeEv = double.NaN);
