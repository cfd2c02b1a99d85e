namespace OperandoRig.Daemon.Beamline;

/// <summary>Something that happened to a scan: <c>scan.start</c>, <c>scan.stop</c>, <c>scan.suspend</c>, <c>scan.resume</c>,
/// <c>scan.remeasure</c>, <c>scan.spot_change</c>.</summary>
/// <param name="Time">When, on the daemon clock.</param>
/// <param name="RunId">The run.</param>
/// <param name="ScanId">The scan.</param>
/// <param name="Kind">Short dotted kind.</param>
/// <param name="Message">A sentence naming signal, value and limit where relevant.</param>
/// <param name="Fields">Details as text (may be empty).</param>
public sealed record ScanEvent(DateTimeOffset Time, string RunId, string ScanId, string Kind, string Message, IReadOnlyDictionary<string, string> Fields);

/// <summary>Where scan events go (the event pipeline once it exists; a log until then).</summary>
public interface IScanEventSink
{
    /// <summary>Records <paramref name="scanEvent"/>; never blocks on storage.</summary>
    void Publish(ScanEvent scanEvent);
}
