using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OperandoRig.Daemon.Data.Influx;

/// <summary>
/// The outbox over the store: reads samples after a per-channel cursor and keeps the cursors durable in the store's
/// own file, table <c>influx_cursor(target, channel_id, last_seq, forwarded_unix_s)</c>, created idempotently on
/// open (outside the store's versioned migrations, which it does not touch). One connection, used by one loop.
/// </summary>
internal sealed class InfluxOutbox : IAsyncDisposable
{
    private readonly SqliteConnection _conn;
    private readonly string _target;

    private InfluxOutbox(SqliteConnection conn, string target)
    {
        _conn = conn;
        _target = target;
    }

    /// <summary>Opens the existing store file at <paramref name="databasePath"/> and ensures the cursor table.</summary>
    public static async Task<InfluxOutbox> OpenAsync(string databasePath, string target, CancellationToken cancellationToken)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        var conn = new SqliteConnection(cs);
        try
        {
            await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            // synchronous=NORMAL (as the store's writer): in WAL mode a commit survives a process crash; a power cut
            // may roll back the last cursor moves, and those batches are sent again (InfluxDB stores them once).
            cmd.CommandText = """
                PRAGMA synchronous=NORMAL;
                CREATE TABLE IF NOT EXISTS influx_cursor(
                    target TEXT NOT NULL, channel_id TEXT NOT NULL, last_seq INTEGER NOT NULL, forwarded_unix_s REAL NOT NULL,
                    PRIMARY KEY(target, channel_id)) WITHOUT ROWID;
                """;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new InfluxOutbox(conn, target);
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The last forwarded sequence number of each channel of this target.</summary>
    public async Task<Dictionary<string, long>> LoadCursorsAsync(CancellationToken cancellationToken)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = "SELECT channel_id, last_seq FROM influx_cursor WHERE target = $t";
        cmd.Parameters.AddWithValue("$t", _target);
        var cursors = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cursors[reader.GetString(0)] = reader.GetInt64(1);
        }

        return cursors;
    }

    /// <summary>The channels that have samples (a skip scan over the primary key: one seek per channel).</summary>
    public async Task<List<string>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = """
            WITH RECURSIVE ch(id) AS (
                SELECT MIN(channel_id) FROM samples
                UNION ALL
                SELECT (SELECT MIN(channel_id) FROM samples WHERE channel_id > ch.id) FROM ch WHERE ch.id IS NOT NULL)
            SELECT id FROM ch WHERE id IS NOT NULL
            """;
        var channels = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            channels.Add(reader.GetString(0));
        }

        return channels;
    }

    /// <summary>Appends to <paramref name="into"/> up to <paramref name="limit"/> samples of a channel with seq &gt; <paramref name="afterSeq"/>, in seq order.</summary>
    public async Task<int> ReadAfterAsync(string channelId, long afterSeq, int limit, List<SampleRecord> into, CancellationToken cancellationToken)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = $"SELECT {SampleRows.Columns} FROM samples WHERE channel_id = $c AND seq > $after ORDER BY seq LIMIT $n";
        cmd.Parameters.AddWithValue("$c", channelId);
        cmd.Parameters.AddWithValue("$after", afterSeq);
        cmd.Parameters.AddWithValue("$n", limit);
        var n = 0;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            into.Add(SampleRows.Read(reader));
            n++;
        }

        return n;
    }

    /// <summary>Samples of a channel after <paramref name="afterSeq"/> (last seq minus cursor: a stream's seqs are consecutive) and the time of the oldest of them (null when none).</summary>
    public async Task<(long Count, double? OldestTimeUnixS)> GetPendingAsync(string channelId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT MAX(MAX(seq) - $after, 0) FROM samples WHERE channel_id = $c),
                   (SELECT time_unix_s FROM samples WHERE channel_id = $c AND seq > $after ORDER BY seq LIMIT 1)
            """;
        cmd.Parameters.AddWithValue("$c", channelId);
        cmd.Parameters.AddWithValue("$after", afterSeq);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetDouble(1));
    }

    /// <summary>Moves the cursors of the given channels, in one transaction.</summary>
    public async Task SaveCursorsAsync(IReadOnlyDictionary<string, long> cursors, double nowUnixS, CancellationToken cancellationToken)
    {
        await using var tx = (SqliteTransaction)await _conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = _conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO influx_cursor(target, channel_id, last_seq, forwarded_unix_s) VALUES ($t, $c, $s, $now)
            ON CONFLICT(target, channel_id) DO UPDATE SET last_seq = excluded.last_seq, forwarded_unix_s = excluded.forwarded_unix_s
            """;
        var c = cmd.Parameters.Add("$c", SqliteType.Text);
        var s = cmd.Parameters.Add("$s", SqliteType.Integer);
        cmd.Parameters.AddWithValue("$t", _target);
        cmd.Parameters.AddWithValue("$now", nowUnixS);
        foreach (var (channel, seq) in cursors)
        {
            c.Value = channel;
            s.Value = seq;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _conn.DisposeAsync();

    /// <summary>For messages: the target this outbox tracks.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"influx outbox for {_target}");
}
