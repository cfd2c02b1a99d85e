using System.Text.Json;

namespace OperandoRig.Daemon.Data;

/// <summary>
/// Something that happened (a state change, a fault, an operator's action, a scan or operando decision) as stored and
/// streamed: <see cref="Seq"/> numbers the event stream <see cref="Stream"/> (1, 2, 3, … across runs and restarts), so a
/// follower can resume exactly where it stopped. A channel's events go to <c>&lt;channel&gt;/events</c>
/// (<see cref="ChannelStream"/>).
/// </summary>
/// <param name="Seq">Position in the stream; 0 until the pipeline numbers it.</param>
/// <param name="RunId">The run it belongs to (empty when none).</param>
/// <param name="Stream">The event stream, e.g. <c>ch1/events</c>, <c>beamline/events</c>, <c>operando/events</c>.</param>
/// <param name="TimeUnixS">When, on the daemon clock (Unix seconds).</param>
/// <param name="Kind">Short dotted kind, e.g. <c>state.changed</c>, <c>safety.trip</c>, <c>operator.pause</c>.</param>
/// <param name="Message">A sentence naming what happened with its values.</param>
/// <param name="FieldsJson">Machine-readable details as one JSON object of strings (<c>{}</c> when none).</param>
public sealed record EventRecord(long Seq, string RunId, string Stream, double TimeUnixS, string Kind, string Message, string FieldsJson)
{
    /// <summary>The suffix of a channel's event stream.</summary>
    public const string ChannelStreamSuffix = "/events";

    /// <summary>The event stream of a channel: <c>&lt;channel&gt;/events</c>.</summary>
    public static string ChannelStream(string channelId) => channelId + ChannelStreamSuffix;

    /// <summary>An unnumbered event with <paramref name="fields"/> serialised as a JSON object.</summary>
    public static EventRecord Create(string runId, string stream, double timeUnixS, string kind, string message,
        IReadOnlyDictionary<string, string>? fields = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        return new EventRecord(0, runId ?? "", stream, timeUnixS, kind, message ?? "", SerializeFields(fields));
    }

    /// <summary>The details as a dictionary (parsed from <see cref="FieldsJson"/>).</summary>
    public IReadOnlyDictionary<string, string> Fields() =>
        JsonSerializer.Deserialize(FieldsJson, EventFieldsJsonContext.Default.DictionaryStringString) ?? [];

    /// <summary>A JSON object of <paramref name="fields"/> in key order (<c>{}</c> for null or none).</summary>
    public static string SerializeFields(IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is null || fields.Count == 0)
        {
            return "{}";
        }

        var ordered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in fields)
        {
            ordered[k] = v;
        }

        return JsonSerializer.Serialize(ordered, EventFieldsJsonContext.Default.SortedDictionaryStringString);
    }
}
