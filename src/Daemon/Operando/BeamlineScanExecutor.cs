using OperandoRig.Daemon.Beamline;

namespace OperandoRig.Daemon.Operando;

/// <summary>
/// Runs operando scans on the beamline's <see cref="ScanRunner"/>: the named scan plan, at the named spot of the sample
/// holder (the plan's own spots when the request names none), under the channel's run id, every point tagged with the
/// cell's state. <see cref="Completed"/> sees each full result (points, dead time).
/// </summary>
public sealed class BeamlineScanExecutor(
    ScanRunner runner,
    IReadOnlyDictionary<string, ScanPlan> plans,
    IReadOnlyDictionary<string, ScanPosition> spots) : IOperandoScanExecutor
{
    /// <summary>Raised with each scan's full result.</summary>
    public event EventHandler<ScanResult>? Completed;

    /// <inheritdoc />
    public async Task<OperandoScanResult> RunAsync(OperandoScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = plans.TryGetValue(request.PlanName, out var p)
            ? p
            : throw new ArgumentException($"scan plan '{request.PlanName}' is not loaded; known: {string.Join(", ", plans.Keys)}", nameof(request));
        IReadOnlyList<ScanPosition>? at = null;
        if (request.Spot.Length > 0)
        {
            at = spots.TryGetValue(request.Spot, out var spot)
                ? [spot]
                : throw new ArgumentException($"spot '{request.Spot}' is not on the sample holder; known: {string.Join(", ", spots.Keys)}", nameof(request));
        }

        var result = await runner.RunAsync(plan, new ScanRequest(request.RunId, request.ScanId, at, null, new ScanPointTagger(request.Tagger)), cancellationToken);
        Completed?.Invoke(this, result);
        var socs = result.Points.Where(x => x.Tag is not null).Select(x => x.Tag!.Soc).ToList();
        var edge = plan.EdgeLabel is null ? null : XanesEdgePosition.Find(result.Points, plan.EdgeEnergyEv);
        return new OperandoScanResult(result.ScanId, result.Points.Count, socs.Count, ScanRunner.UnixSeconds(result.Started), ScanRunner.UnixSeconds(result.Ended),
            $"{result.EndReason}: {result.Message}", socs.Count == 0 ? double.NaN : socs.Min(), socs.Count == 0 ? double.NaN : socs.Max(), edge ?? double.NaN);
    }
}
