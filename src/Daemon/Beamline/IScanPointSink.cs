namespace OperandoRig.Daemon.Beamline;

/// <summary>Where measured points go: numbered in their stream and stored durably, with one summary per scan.</summary>
public interface IScanPointSink
{
    /// <summary>Numbers <paramref name="point"/> in its stream and queues it for storage; never blocks on storage.</summary>
    ScanPointRecord Publish(ScanPointRecord point);

    /// <summary>Queues the summary of an ended scan (dead-time breakdown, dose per spot) for storage.</summary>
    void RecordScan(ScanResult result);

    /// <summary>Waits until everything published so far is stored.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
