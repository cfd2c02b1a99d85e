using OperandoRig.Daemon.Beamline;

namespace OperandoRig.Daemon.Tests.Operando;

/// <summary>Scan points and scan summaries kept in memory, numbered per stream.</summary>
internal sealed class RecordingPointSink : IScanPointSink, IScanEventSink
{
    private long _seq;

    public List<ScanPointRecord> Points { get; } = [];

    public List<ScanResult> Scans { get; } = [];

    public List<ScanEvent> Events { get; } = [];

    public ScanPointRecord Publish(ScanPointRecord point)
    {
        lock (Points)
        {
            var numbered = point with { Seq = ++_seq };
            Points.Add(numbered);
            return numbered;
        }
    }

    public void RecordScan(ScanResult result)
    {
        lock (Points)
        {
            Scans.Add(result);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Publish(ScanEvent scanEvent)
    {
        lock (Events)
        {
            Events.Add(scanEvent);
        }
    }
}
