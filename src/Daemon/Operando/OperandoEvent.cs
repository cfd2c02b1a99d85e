namespace OperandoRig.Daemon.Operando;

/// <summary>
/// Something the operando engine decided or did (a trigger fired, a cell was held, the beam was granted, a scan ran
/// for a trigger, a sync point was acknowledged), stamped on the daemon clock and tagged with the channel's run id.
/// Shaped like the daemon's event records (stream, kind, message, fields) so that it is stored with them.
/// </summary>
/// <param name="RunId">The run it belongs to (the channel's run).</param>
/// <param name="Stream">The event stream, <c>operando/events</c>.</param>
/// <param name="TimeUnixS">When, on the daemon clock.</param>
/// <param name="Kind">Short dotted kind, e.g. <c>operando.trigger</c>, <c>beam.grant</c>, <c>operando.scan</c>.</param>
/// <param name="Message">A sentence naming what happened with its values.</param>
/// <param name="Fields">Machine-readable details (ids, SOC, waits), invariant culture.</param>
public sealed record OperandoEvent(string RunId, string Stream, double TimeUnixS, string Kind, string Message, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The stream operando events go to.</summary>
    public const string DefaultStream = "operando/events";
}

/// <summary>Where operando events go (the daemon's event store; a list in tests).</summary>
public interface IOperandoEventSink
{
    /// <summary>Records <paramref name="e"/>; never blocks on storage.</summary>
    void Publish(OperandoEvent e);
}
