using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace OperandoRig.Daemon.Data;

/// <summary>
/// Which stored records to read: by run, by stream (a channel's samples, or an event stream), by time range and by
/// sequence range, all bounds inclusive. At least a run or a stream is required.
/// </summary>
public sealed record RecordQuery
{
    /// <summary>Only records of this run (null: any run).</summary>
    public string? RunId { get; init; }

    /// <summary>Only records of this stream: the channel id for samples, the event stream for events (null: any).</summary>
    public string? Stream { get; init; }

    /// <summary>Only records stamped at or after this daemon-clock time (Unix seconds).</summary>
    public double? FromTimeUnixS { get; init; }

    /// <summary>Only records stamped at or before this daemon-clock time (Unix seconds).</summary>
    public double? ToTimeUnixS { get; init; }

    /// <summary>Only records with a sequence number at or above this one.</summary>
    public long? FromSeq { get; init; }

    /// <summary>Only records with a sequence number at or below this one.</summary>
    public long? ToSeq { get; init; }

    /// <summary>At most this many records (0: all).</summary>
    public int Limit { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field, value and allowed range of the first bad bound.</summary>
    /// <param name="streamField">What the stream is called to the caller (<c>channel_id</c> or <c>stream</c>).</param>
    public void Validate(string streamField)
    {
        if (string.IsNullOrEmpty(RunId) && string.IsNullOrEmpty(Stream))
        {
            throw new ArgumentException($"run_id and {streamField}: both empty; give a run, a {streamField} or both");
        }

        CheckTime("from_time_unix_s", FromTimeUnixS);
        CheckTime("to_time_unix_s", ToTimeUnixS);
        if (FromTimeUnixS is { } f && ToTimeUnixS is { } t && t < f)
        {
            throw new ArgumentException(FormattableString.Invariant($"to_time_unix_s: {t} is before from_time_unix_s {f}; it must be {f} or later"));
        }

        CheckSeq("from_seq", FromSeq);
        CheckSeq("to_seq", ToSeq);
        if (FromSeq is { } fs && ToSeq is { } ts && ts < fs)
        {
            throw new ArgumentException(FormattableString.Invariant($"to_seq: {ts} is below from_seq {fs}; it must be {fs} or more"));
        }

        if (Limit < 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"limit: {Limit} must be 0 (all) or more"));
        }
    }

    /// <summary>The WHERE clause (without the keyword) for this query, its parameters added to <paramref name="cmd"/>.</summary>
    internal string ToWhere(SqliteCommand cmd, string streamColumn)
    {
        var where = new StringBuilder("1");
        void Add(string clause, string name, object value)
        {
            where.Append(" AND ").Append(clause);
            cmd.Parameters.AddWithValue(name, value);
        }

        if (!string.IsNullOrEmpty(RunId))
        {
            Add("run_id = $run", "$run", RunId);
        }

        if (!string.IsNullOrEmpty(Stream))
        {
            Add(streamColumn + " = $stream", "$stream", Stream);
        }

        if (FromTimeUnixS is { } ft)
        {
            Add("time_unix_s >= $ft", "$ft", ft);
        }

        if (ToTimeUnixS is { } tt)
        {
            Add("time_unix_s <= $tt", "$tt", tt);
        }

        if (FromSeq is { } fs)
        {
            Add("seq >= $fs", "$fs", fs);
        }

        if (ToSeq is { } ts)
        {
            Add("seq <= $ts", "$ts", ts);
        }

        return where.ToString();
    }

    /// <summary>The LIMIT clause (with a leading space), empty for all.</summary>
    internal string ToLimit() => Limit > 0 ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {Limit}") : "";

    private static void CheckTime(string field, double? value)
    {
        if (value is { } v && !double.IsFinite(v))
        {
            throw new ArgumentException(FormattableString.Invariant($"{field}: {v} must be a finite Unix time in seconds"));
        }
    }

    private static void CheckSeq(string field, long? value)
    {
        if (value is < 0)
        {
            throw new ArgumentException(FormattableString.Invariant($"{field}: {value} must be 0 or more"));
        }
    }
}
