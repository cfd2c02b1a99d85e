using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OperandoRig.Daemon.Data.Export;

/// <summary>
/// Writes a run as Bluesky event-model documents (bluesky/event-model v1.24.0), one <c>[name, document]</c> JSON array
/// per line: <c>start</c>; a <c>descriptor</c> for the "primary" stream (potentiostat samples) and, when the run has
/// impedance points, one for the "impedance" stream, and when it has event records (state changes, operator actions,
/// faults), one for the "events" stream; one <c>event</c> per sample / point / record (seq_num per stream from 1);
/// <c>stop</c> with <c>num_events</c>. Times are Unix seconds; uids are name-based (<see cref="DocumentUid"/>), so an
/// export is reproducible. A run without samples gives start, the primary descriptor and stop with
/// <c>num_events.primary = 0</c>; an unknown run is a <see cref="RunNotFoundException"/>.
/// </summary>
public static class EventModelExporter
{
    /// <summary>The stream of potentiostat samples.</summary>
    public const string PrimaryStream = "primary";

    /// <summary>The stream of impedance points.</summary>
    public const string ImpedanceStream = "impedance";

    /// <summary>The stream of the run's event records (<see cref="EventRecord"/>: state changes, operator actions, faults).</summary>
    public const string EventsStream = "events";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Exports the stored run <paramref name="runId"/>; returns the number of documents written.</summary>
    public static async Task<long> ExportAsync(
        SqliteStore store, string runId, RunExitStatus exitStatus, string? reason, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = await StoredRunReader.ReadRunAsync(store, runId, cancellationToken).ConfigureAwait(false);
        var points = await store.ReadImpedanceAsync(runId, cancellationToken).ConfigureAwait(false);
        var events = new List<EventRecord>();
        await foreach (var e in store.QueryEventsAsync(new RecordQuery { RunId = runId }, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
        }

        events.Sort((a, b) => a.TimeUnixS != b.TimeUnixS ? a.TimeUnixS.CompareTo(b.TimeUnixS) : a.Seq.CompareTo(b.Seq));
        return await WriteAsync(run, StoredRunReader.ReadSamplesAsync(store, run, cancellationToken), points, events, exitStatus, reason, writer, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="run"/> with its samples (time order), impedance points and event records; returns the number of documents.</summary>
    public static async Task<long> WriteAsync(
        StoredRun run,
        IAsyncEnumerable<SampleRecord> samples,
        IReadOnlyList<ImpedanceRecord> impedancePoints,
        IReadOnlyList<EventRecord> events,
        RunExitStatus exitStatus,
        string? reason,
        TextWriter writer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(impedancePoints);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(writer);

        var buffer = new ArrayBufferWriter<byte>(1024);
        var startUid = DocumentUid.For(run.RunId, "start");
        var primaryUid = DocumentUid.For(run.RunId, "descriptor/" + PrimaryStream);
        var impedanceUid = DocumentUid.For(run.RunId, "descriptor/" + ImpedanceStream);
        var eventsUid = DocumentUid.For(run.RunId, "descriptor/" + EventsStream);
        var source = "OperandoRig:" + run.ChannelId;
        long documents = 0;

        async Task EmitAsync(string name, Action<Utf8JsonWriter> body)
        {
            buffer.ResetWrittenCount();
            await using (var json = new Utf8JsonWriter(buffer, WriterOptions))
            {
                json.WriteStartArray();
                json.WriteStringValue(name);
                json.WriteStartObject();
                body(json);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            await writer.WriteAsync((Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            documents++;
        }

        await EmitAsync("start", j =>
        {
            j.WriteString("uid", startUid);
            j.WriteNumber("time", run.StartedUnixS);
            j.WriteString("plan_name", run.Protocol);
            j.WriteString("run_id", run.RunId);
            j.WriteString("channel_id", run.ChannelId);
        }).ConfigureAwait(false);

        await EmitAsync("descriptor", j =>
        {
            WriteDescriptorHead(j, primaryUid, startUid, run.StartedUnixS, PrimaryStream);
            j.WriteStartObject("data_keys");
            WriteKey(j, "voltage", source + "/voltage_v", "number", "V");
            WriteKey(j, "current", source + "/current_a", "number", "A");
            WriteKey(j, "charge", source + "/charge_ah", "number", "Ah");
            WriteKey(j, "step_time", source + "/step_time_s", "number", "s");
            WriteKey(j, "step_index", source + "/step_index", "integer", null);
            WriteKey(j, "cycle", source + "/cycle", "integer", null);
            WriteKey(j, "step_label", source + "/step_label", "string", null);
            WriteKey(j, "sample_seq", source + "/seq", "integer", null);
            j.WriteEndObject();
            WriteHints(j, "voltage", "current");
        }).ConfigureAwait(false);

        if (impedancePoints.Count > 0)
        {
            await EmitAsync("descriptor", j =>
            {
                WriteDescriptorHead(j, impedanceUid, startUid, run.StartedUnixS, ImpedanceStream);
                j.WriteStartObject("data_keys");
                WriteKey(j, "frequency", source + "/frequency_hz", "number", "Hz");
                WriteKey(j, "z_real", source + "/z_real_ohm", "number", "ohm");
                WriteKey(j, "z_imag", source + "/z_imag_ohm", "number", "ohm");
                WriteKey(j, "step_index", source + "/step_index", "integer", null);
                j.WriteEndObject();
                WriteHints(j, "z_real", "z_imag");
            }).ConfigureAwait(false);
        }

        if (events.Count > 0)
        {
            await EmitAsync("descriptor", j =>
            {
                WriteDescriptorHead(j, eventsUid, startUid, run.StartedUnixS, EventsStream);
                j.WriteStartObject("data_keys");
                WriteKey(j, "kind", source + "/events/kind", "string", null);
                WriteKey(j, "message", source + "/events/message", "string", null);
                WriteKey(j, "fields", source + "/events/fields_json", "string", null);
                WriteKey(j, "stream", source + "/events/stream", "string", null);
                WriteKey(j, "event_seq", source + "/events/seq", "integer", null);
                j.WriteEndObject();
                WriteHints(j, "kind", "message");
            }).ConfigureAwait(false);
        }

        long primaryCount = 0;
        var lastTime = run.StartedUnixS;
        await foreach (var s in samples.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            primaryCount++;
            lastTime = Math.Max(lastTime, s.TimeUnixS);
            var seqNum = primaryCount;
            await EmitAsync("event", j =>
            {
                WriteEventHead(j, DocumentUid.For(run.RunId, "event/primary/" + seqNum.ToString(CultureInfo.InvariantCulture)), primaryUid, seqNum, s.TimeUnixS);
                j.WriteStartObject("data");
                j.WriteNumber("voltage", s.VoltageV);
                j.WriteNumber("current", s.CurrentA);
                j.WriteNumber("charge", s.ChargeAh);
                j.WriteNumber("step_time", s.StepTimeS);
                j.WriteNumber("step_index", s.StepIndex);
                j.WriteNumber("cycle", s.Cycle);
                j.WriteString("step_label", s.StepLabel);
                j.WriteNumber("sample_seq", s.Seq);
                j.WriteEndObject();
                WriteTimestamps(j, s.TimeUnixS, "voltage", "current", "charge", "step_time", "step_index", "cycle", "step_label", "sample_seq");
            }).ConfigureAwait(false);
        }

        long impedanceCount = 0;
        foreach (var p in impedancePoints)
        {
            impedanceCount++;
            lastTime = Math.Max(lastTime, p.TimeUnixS);
            var seqNum = impedanceCount;
            await EmitAsync("event", j =>
            {
                WriteEventHead(j, DocumentUid.For(run.RunId, "event/impedance/" + seqNum.ToString(CultureInfo.InvariantCulture)), impedanceUid, seqNum, p.TimeUnixS);
                j.WriteStartObject("data");
                j.WriteNumber("frequency", p.FrequencyHz);
                j.WriteNumber("z_real", p.RealOhm);
                j.WriteNumber("z_imag", p.ImaginaryOhm);
                j.WriteNumber("step_index", p.StepIndex);
                j.WriteEndObject();
                WriteTimestamps(j, p.TimeUnixS, "frequency", "z_real", "z_imag", "step_index");
            }).ConfigureAwait(false);
        }

        long eventsCount = 0;
        foreach (var e in events)
        {
            eventsCount++;
            lastTime = Math.Max(lastTime, e.TimeUnixS);
            var seqNum = eventsCount;
            await EmitAsync("event", j =>
            {
                WriteEventHead(j, DocumentUid.For(run.RunId, "event/events/" + seqNum.ToString(CultureInfo.InvariantCulture)), eventsUid, seqNum, e.TimeUnixS);
                j.WriteStartObject("data");
                j.WriteString("kind", e.Kind);
                j.WriteString("message", e.Message);
                j.WriteString("fields", e.FieldsJson);
                j.WriteString("stream", e.Stream);
                j.WriteNumber("event_seq", e.Seq);
                j.WriteEndObject();
                WriteTimestamps(j, e.TimeUnixS, "kind", "message", "fields", "stream", "event_seq");
            }).ConfigureAwait(false);
        }

        await EmitAsync("stop", j =>
        {
            j.WriteString("uid", DocumentUid.For(run.RunId, "stop"));
            j.WriteString("run_start", startUid);
            j.WriteNumber("time", lastTime);
            j.WriteString("exit_status", ExitStatusName(exitStatus));
            if (!string.IsNullOrEmpty(reason))
            {
                j.WriteString("reason", reason);
            }

            j.WriteStartObject("num_events");
            j.WriteNumber(PrimaryStream, primaryCount);
            if (impedancePoints.Count > 0)
            {
                j.WriteNumber(ImpedanceStream, impedanceCount);
            }

            if (events.Count > 0)
            {
                j.WriteNumber(EventsStream, eventsCount);
            }

            j.WriteEndObject();
        }).ConfigureAwait(false);

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return documents;
    }

    /// <summary>The event-model spelling of <paramref name="status"/>.</summary>
    public static string ExitStatusName(RunExitStatus status) => status switch
    {
        RunExitStatus.Success => "success",
        RunExitStatus.Abort => "abort",
        RunExitStatus.Fail => "fail",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown exit status"),
    };

    private static void WriteDescriptorHead(Utf8JsonWriter j, string uid, string startUid, double time, string name)
    {
        j.WriteString("uid", uid);
        j.WriteString("run_start", startUid);
        j.WriteNumber("time", time);
        j.WriteString("name", name);
    }

    private static void WriteKey(Utf8JsonWriter j, string key, string source, string dtype, string? units)
    {
        j.WriteStartObject(key);
        j.WriteString("source", source);
        j.WriteString("dtype", dtype);
        j.WriteStartArray("shape");
        j.WriteEndArray();
        if (dtype == "number")
        {
            j.WriteString("dtype_numpy", "<f8");
        }
        else if (dtype == "integer")
        {
            j.WriteString("dtype_numpy", "<i8");
        }

        if (units is not null)
        {
            j.WriteString("units", units);
        }

        j.WriteEndObject();
    }

    private static void WriteHints(Utf8JsonWriter j, params string[] fields)
    {
        j.WriteStartObject("hints");
        j.WriteStartArray("fields");
        foreach (var f in fields)
        {
            j.WriteStringValue(f);
        }

        j.WriteEndArray();
        j.WriteEndObject();
    }

    private static void WriteEventHead(Utf8JsonWriter j, string uid, string descriptorUid, long seqNum, double time)
    {
        j.WriteString("uid", uid);
        j.WriteString("descriptor", descriptorUid);
        j.WriteNumber("seq_num", seqNum);
        j.WriteNumber("time", time);
    }

    private static void WriteTimestamps(Utf8JsonWriter j, double time, params string[] keys)
    {
        j.WriteStartObject("timestamps");
        foreach (var k in keys)
        {
            j.WriteNumber(k, time);
        }

        j.WriteEndObject();
    }
}
