using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Operando;

namespace OperandoRig.Daemon.Data;

/// <summary>
/// Stores scan events in the event stream <c>beamline/events</c> (scan id in the fields), after handing them to
/// <paramref name="next"/> (the log); never blocks.
/// </summary>
/// <param name="pipeline">Where the records go.</param>
/// <param name="next">Another sink that sees every event first, or null.</param>
public sealed class PipelineScanEventSink(SamplePipeline pipeline, IScanEventSink? next = null) : IScanEventSink
{
    /// <summary>The event stream scan events go to.</summary>
    public const string Stream = "beamline/events";

    /// <inheritdoc />
    public void Publish(ScanEvent scanEvent)
    {
        ArgumentNullException.ThrowIfNull(scanEvent);
        next?.Publish(scanEvent);
        var fields = new Dictionary<string, string>(scanEvent.Fields, StringComparer.Ordinal) { ["scan_id"] = scanEvent.ScanId };
        pipeline.PublishEvent(EventRecord.Create(scanEvent.RunId, Stream, (scanEvent.Time - DateTimeOffset.UnixEpoch).TotalSeconds,
            scanEvent.Kind, scanEvent.Message, fields));
    }
}

/// <summary>Stores operando events in their stream (<see cref="OperandoEvent.Stream"/>, <c>operando/events</c>); never blocks.</summary>
/// <param name="pipeline">Where the records go.</param>
public sealed class PipelineOperandoEventSink(SamplePipeline pipeline) : IOperandoEventSink
{
    /// <inheritdoc />
    public void Publish(OperandoEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var stream = string.IsNullOrWhiteSpace(e.Stream) ? OperandoEvent.DefaultStream : e.Stream;
        pipeline.PublishEvent(EventRecord.Create(e.RunId, stream, e.TimeUnixS, e.Kind, e.Message, e.Fields));
    }
}
