using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace OperandoRig.Daemon.Data;

/// <summary>
/// The embedded store: one SQLite file in WAL mode in the data directory, the source of truth for
/// every record. Writes are batched in transactions (one writer); reads open their own connections,
/// which WAL lets run beside the writer.
/// </summary>
public sealed class SqliteStore : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteCommand? _insertSample; // guarded by _writeGate
    private SqliteCommand? _insertEvent; // guarded by _writeGate

    private SqliteStore(string path, SqliteConnection writer)
    {
        Path = path;
        _connectionString = writer.ConnectionString;
        _writer = writer;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating and migrating as needed) the store at <paramref name="path"/>.</summary>
    public static async Task<SqliteStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        var writer = new SqliteConnection(cs);
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecAsync(writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", cancellationToken).ConfigureAwait(false);
        await StoreSchema.MigrateAsync(writer, cancellationToken).ConfigureAwait(false);
        return new SqliteStore(path, writer);
    }

    /// <summary>Records that a run started on a channel.</summary>
    public async Task AddRunAsync(string runId, string channelId, string protocolName, double startedUnixS, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var cmd = _writer.CreateCommand();
            cmd.CommandText = "INSERT INTO runs(run_id, channel_id, protocol, started_unix_s) VALUES ($r, $c, $p, $t)";
            cmd.Parameters.AddWithValue("$r", runId);
            cmd.Parameters.AddWithValue("$c", channelId);
            cmd.Parameters.AddWithValue("$p", protocolName);
            cmd.Parameters.AddWithValue("$t", startedUnixS);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Writes a batch of samples in one transaction; when it returns they are durable.</summary>
    public Task AppendSamplesAsync(IReadOnlyList<SampleRecord> batch, CancellationToken cancellationToken) =>
        AppendAsync(batch, [], cancellationToken);

    /// <summary>Writes a batch of events in one transaction; when it returns they are durable.</summary>
    public Task AppendEventsAsync(IReadOnlyList<EventRecord> batch, CancellationToken cancellationToken) =>
        AppendAsync([], batch, cancellationToken);

    /// <summary>Writes samples and events in one transaction; when it returns they are durable.</summary>
    public async Task AppendAsync(IReadOnlyList<SampleRecord> samples, IReadOnlyList<EventRecord> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(events);
        if (samples.Count == 0 && events.Count == 0)
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var tx = _writer.BeginTransaction();
            if (samples.Count > 0)
            {
                InsertSamples(tx, samples, cancellationToken);
            }

            if (events.Count > 0)
            {
                InsertEvents(tx, events, cancellationToken);
            }

            tx.Commit();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Inserts samples through one prepared statement kept for the writer's life (caller holds the write gate).</summary>
    private void InsertSamples(SqliteTransaction tx, IReadOnlyList<SampleRecord> batch, CancellationToken cancellationToken)
    {
        var cmd = _insertSample ??= PrepareInsert(
            "INSERT INTO samples(channel_id, seq, run_id, time_unix_s, voltage_v, current_a, charge_ah, step_index, step_label, cycle, step_time_s, temperature_c) " +
            "VALUES ($ch, $seq, $run, $t, $v, $i, $q, $si, $sk, $cy, $st, $tc)",
            "$ch", "$seq", "$run", "$t", "$v", "$i", "$q", "$si", "$sk", "$cy", "$st", "$tc");
        cmd.Transaction = tx;
        var p = cmd.Parameters;
        foreach (var r in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            p[0].Value = r.ChannelId;
            p[1].Value = r.Seq;
            p[2].Value = r.RunId;
            p[3].Value = r.TimeUnixS;
            p[4].Value = r.VoltageV;
            p[5].Value = r.CurrentA;
            p[6].Value = r.ChargeAh;
            p[7].Value = r.StepIndex;
            p[8].Value = r.StepLabel;
            p[9].Value = r.Cycle;
            p[10].Value = r.StepTimeS;
            p[11].Value = double.IsFinite(r.TemperatureC) ? r.TemperatureC : DBNull.Value; // no sensor: NULL
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Inserts events through one prepared statement kept for the writer's life (caller holds the write gate).</summary>
    private void InsertEvents(SqliteTransaction tx, IReadOnlyList<EventRecord> batch, CancellationToken cancellationToken)
    {
        var cmd = _insertEvent ??= PrepareInsert(
            "INSERT INTO events(stream, seq, run_id, time_unix_s, kind, message, fields) VALUES ($s, $seq, $run, $t, $k, $m, $f)",
            "$s", "$seq", "$run", "$t", "$k", "$m", "$f");
        cmd.Transaction = tx;
        var p = cmd.Parameters;
        foreach (var e in batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            p[0].Value = e.Stream;
            p[1].Value = e.Seq;
            p[2].Value = e.RunId;
            p[3].Value = e.TimeUnixS;
            p[4].Value = e.Kind;
            p[5].Value = e.Message;
            p[6].Value = e.FieldsJson;
            cmd.ExecuteNonQuery();
        }
    }

    private SqliteCommand PrepareInsert(string sql, params string[] parameters)
    {
        var cmd = _writer.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return cmd;
    }

    /// <summary>Writes impedance points in one transaction; when it returns they are durable.</summary>
    public async Task AppendImpedanceAsync(IReadOnlyList<ImpedanceRecord> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var tx = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var r in points)
            {
                await using var cmd = _writer.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO impedance_points(run_id, channel_id, step_index, time_unix_s, frequency_hz, z_real_ohm, z_imag_ohm)
                    VALUES ($r, $c, $s, $t, $f, $re, $im)
                    """;
                cmd.Parameters.AddWithValue("$r", r.RunId);
                cmd.Parameters.AddWithValue("$c", r.ChannelId);
                cmd.Parameters.AddWithValue("$s", r.StepIndex);
                cmd.Parameters.AddWithValue("$t", r.TimeUnixS);
                cmd.Parameters.AddWithValue("$f", r.FrequencyHz);
                cmd.Parameters.AddWithValue("$re", r.RealOhm);
                cmd.Parameters.AddWithValue("$im", r.ImaginaryOhm);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Reads a run's impedance points in time order.</summary>
    public async Task<IReadOnlyList<ImpedanceRecord>> ReadImpedanceAsync(string runId, CancellationToken cancellationToken)
    {
        await using var conn = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT channel_id, step_index, time_unix_s, frequency_hz, z_real_ohm, z_imag_ohm
            FROM impedance_points WHERE run_id = $r ORDER BY time_unix_s
            """;
        cmd.Parameters.AddWithValue("$r", runId);
        var result = new List<ImpedanceRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new ImpedanceRecord(runId, reader.GetString(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5)));
        }

        return result;
    }

    /// <summary>The highest stored sequence number of a channel's samples, 0 when none.</summary>
    public async Task<long> GetLastSeqAsync(string channelId, CancellationToken cancellationToken)
    {
        await using var conn = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM samples WHERE channel_id = $c";
        cmd.Parameters.AddWithValue("$c", channelId);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a channel's samples with sequence numbers from <paramref name="fromSeq"/> on, in order.</summary>
    public async IAsyncEnumerable<SampleRecord> ReadSamplesAsync(string channelId, long fromSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var conn = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {SampleRows.Columns} FROM samples WHERE channel_id = $c AND seq >= $from ORDER BY seq";
        cmd.Parameters.AddWithValue("$c", channelId);
        cmd.Parameters.AddWithValue("$from", fromSeq);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return SampleRows.Read(reader);
        }
    }

    /// <summary>The highest stored sequence number of an event stream, 0 when none.</summary>
    public async Task<long> GetLastEventSeqAsync(string stream, CancellationToken cancellationToken)
    {
        await using var conn = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM events WHERE stream = $s";
        cmd.Parameters.AddWithValue("$s", stream);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads an event stream from <paramref name="fromSeq"/> on, in order.</summary>
    public IAsyncEnumerable<EventRecord> ReadEventsAsync(string stream, long fromSeq, CancellationToken cancellationToken) =>
        QueryEventsAsync(new RecordQuery { Stream = stream, FromSeq = fromSeq }, cancellationToken);

    /// <summary>
    /// The samples matching <paramref name="query"/> (<see cref="RecordQuery.Stream"/> is the channel id), in the order of
    /// (channel, seq).
    /// </summary>
    public async IAsyncEnumerable<SampleRecord> QuerySamplesAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate("channel_id");
        await using var conn = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {SampleRows.Columns} FROM samples WHERE {query.ToWhere(cmd, "channel_id")} ORDER BY channel_id, seq{query.ToLimit()}";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return SampleRows.Read(reader);
        }
    }

    /// <summary>The events matching <paramref name="query"/> (<see cref="RecordQuery.Stream"/> is the event stream), in the order of (stream, seq).</summary>
    public async IAsyncEnumerable<EventRecord> QueryEventsAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate("stream");
        await using var conn = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT seq, run_id, stream, time_unix_s, kind, message, fields FROM events WHERE {query.ToWhere(cmd, "stream")} ORDER BY stream, seq{query.ToLimit()}";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new EventRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _insertSample?.Dispose();
            _insertEvent?.Dispose();
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
            _writeGate.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction on the writer connection, serialised with every other write;
    /// when it returns the rows are durable. For the engine's own tables (journal, cycle summaries, run ends).
    /// </summary>
    internal async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var tx = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await write(_writer, tx, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Opens a read connection of its own (WAL lets it read beside the writer); the caller disposes it.</summary>
    internal async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
        return conn;
    }

    private static async Task ExecAsync(SqliteConnection conn, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
