using OperandoRig.Daemon.Operando;

namespace OperandoRig.Daemon.Tests.Operando;

/// <summary>
/// A scan that takes <c>points</c> × <c>pointS</c> of virtual time, tags every point through the request's tagger and
/// records what it saw: which cell, when, the tags, the cell's run state at each point, and how many scans ran at once.
/// </summary>
internal sealed class FakeScanExecutor(TimeProvider clock, int points, double pointS, Func<string, string>? stateProbe = null) : IOperandoScanExecutor
{
    private int _active;

    public List<Scan> Scans { get; } = [];

    public int MaxConcurrent { get; private set; }

    public async Task<OperandoScanResult> RunAsync(OperandoScanRequest request, CancellationToken cancellationToken)
    {
        MaxConcurrent = Math.Max(MaxConcurrent, ++_active);
        var scan = new Scan(request, Now());
        try
        {
            for (var i = 0; i < points; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(pointS), clock, cancellationToken);
                scan.States.Add(stateProbe?.Invoke(request.ChannelId) ?? "");
                scan.Tags.Add(await request.Tagger.TagAsync(clock.GetUtcNow(), cancellationToken));
            }
        }
        finally
        {
            _active--;
        }

        scan.EndS = Now();
        Scans.Add(scan);
        var socs = scan.Tags.Where(t => t is not null).Select(t => t!.Soc).ToList();
        return new OperandoScanResult(request.ScanId, points, socs.Count, scan.StartS, scan.EndS, "completed",
            socs.Count == 0 ? double.NaN : socs.Min(), socs.Count == 0 ? double.NaN : socs.Max());
    }

    private double Now() => (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;

    internal sealed class Scan(OperandoScanRequest request, double startS)
    {
        public OperandoScanRequest Request => request;

        public double StartS => startS;

        public double EndS { get; set; }

        public List<CellStateSnapshot?> Tags { get; } = [];

        public List<string> States { get; } = [];
    }
}
