using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// Stores scan points and scan summaries in the rig's SQLite file (tables <c>scan_points</c> and <c>scans</c>, migration 4).
/// Points are numbered per stream on <see cref="Publish"/> (continuing after what the file holds) and written by one
/// writer loop in batches, so a scan never waits on the disk; readers replay a stream from a sequence number and then
/// follow it live.
/// </summary>
public sealed partial class ScanStore : IScanPointSink, IAsyncDisposable
{
    private readonly SqliteConnection _writer;
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private readonly Lock _seqGate = new();
    private readonly Lock _waitGate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private readonly Task _writerLoop;
    private TaskCompletionSource _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _queued;
    private long _written;

    private ScanStore(SqliteConnection writer, ILogger logger)
    {
        _writer = writer;
        _connectionString = writer.ConnectionString;
        _logger = logger;
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Opens the store in the SQLite file at <paramref name="path"/> (migrating it when needed).</summary>
    public static async Task<ScanStore> OpenAsync(string path, ILogger<ScanStore> logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(logger);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        var writer = new SqliteConnection(cs);
        await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var cmd = writer.CreateCommand())
        {
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await StoreSchema.MigrateAsync(writer, cancellationToken).ConfigureAwait(false);
        var store = new ScanStore(writer, logger);
        await using (var cmd = writer.CreateCommand())
        {
            cmd.CommandText = "SELECT stream, MAX(seq) FROM scan_points GROUP BY stream";
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                store._lastSeq[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return store;
    }

    /// <inheritdoc />
    public ScanPointRecord Publish(ScanPointRecord point)
    {
        ArgumentNullException.ThrowIfNull(point);
        lock (_seqGate)
        {
            var seq = _lastSeq.GetValueOrDefault(point.Stream) + 1;
            _lastSeq[point.Stream] = seq;
            var numbered = point with { Seq = seq };
            _queued++;
            _queue.Writer.TryWrite(numbered);
            return numbered;
        }
    }

    /// <inheritdoc />
    public void RecordScan(ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_seqGate)
        {
            _queued++;
            _queue.Writer.TryWrite(result);
        }
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        long target;
        lock (_seqGate)
        {
            target = _queued;
        }

        lock (_waitGate)
        {
            if (_written >= target)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((target, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A stream's points from <paramref name="fromSeq"/> on, in order, as stored now.</summary>
    public async IAsyncEnumerable<ScanPointRecord> ReadPointsAsync(string stream, long fromSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {ScanPointRows.Columns} FROM scan_points WHERE stream = $s AND seq >= $from ORDER BY seq";
        cmd.Parameters.AddWithValue("$s", stream);
        cmd.Parameters.AddWithValue("$from", fromSeq);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ScanPointRows.Read(reader);
        }
    }

    /// <summary>A scan's points in order.</summary>
    public async Task<IReadOnlyList<ScanPointRecord>> ReadScanAsync(string scanId, CancellationToken cancellationToken)
    {
        await using var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {ScanPointRows.Columns} FROM scan_points WHERE scan_id = $id ORDER BY seq";
        cmd.Parameters.AddWithValue("$id", scanId);
        var result = new List<ScanPointRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(ScanPointRows.Read(reader));
        }

        return result;
    }

    /// <summary>The stored summary of a scan (end reason and dead-time breakdown), or null when it has not ended.</summary>
    public async Task<StoredScanSummary?> ReadSummaryAsync(string scanId, CancellationToken cancellationToken)
    {
        await using var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            SELECT run_id, plan, end_reason, message, points, remeasured, suspensions, spot_changes,
                   total_s, count_s, moves_s, settle_s, readout_s, suspended_s, remeasure_s, overhead_s, spot_dose_gy
            FROM scans WHERE scan_id = $id
            """;
        cmd.Parameters.AddWithValue("$id", scanId);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredScanSummary(scanId, r.GetString(0), r.GetString(1), Enum.Parse<ScanEndReason>(r.GetString(2)), r.GetString(3),
            r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7),
            new DeadTimeBreakdown(r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetDouble(12), r.GetDouble(13), r.GetDouble(14), r.GetDouble(15)),
            JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(16)) ?? []);
    }

    /// <summary>A stream's points from <paramref name="fromSeq"/> on: stored ones, then new ones as they are stored, until cancelled.</summary>
    public async IAsyncEnumerable<ScanPointRecord> SubscribeAsync(string stream, long fromSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = Math.Max(1, fromSeq);
        while (true)
        {
            Task stored;
            lock (_waitGate)
            {
                stored = _stored.Task;
            }

            await foreach (var p in ReadPointsAsync(stream, next, cancellationToken).ConfigureAwait(false))
            {
                next = p.Seq + 1;
                yield return p;
            }

            await stored.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<object>(256);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 5000 && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await WriteAsync(batch).ConfigureAwait(false);
                    break;
                }
                catch (SqliteException ex)
                {
                    LogStoreRetry(_logger, ex, batch.Count, attempt); // keep the batch: never drop data
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 50 * attempt)), TimeProvider.System).ConfigureAwait(false);
                }
            }

            TaskCompletionSource signal;
            lock (_waitGate)
            {
                _written += batch.Count;
                foreach (var w in _waiters.Where(w => w.Target <= _written))
                {
                    w.Done.TrySetResult();
                }

                _waiters.RemoveAll(w => w.Target <= _written);
                signal = _stored;
                _stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signal.TrySetResult();
        }
    }

    private async Task WriteAsync(List<object> batch)
    {
        await using var tx = (SqliteTransaction)await _writer.BeginTransactionAsync().ConfigureAwait(false);
        await using var points = ScanPointRows.InsertCommand(_writer, tx);
        foreach (var item in batch)
        {
            switch (item)
            {
                case ScanPointRecord p:
                    ScanPointRows.Bind(points, p);
                    await points.ExecuteNonQueryAsync().ConfigureAwait(false);
                    break;
                case ScanResult r:
                    await using (var cmd = _writer.CreateCommand())
                    {
                        cmd.Transaction = tx;
                        BindSummary(cmd, r);
                        await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }

                    break;
            }
        }

        await tx.CommitAsync().ConfigureAwait(false);
    }

    private static void BindSummary(SqliteCommand cmd, ScanResult r)
    {
        cmd.CommandText = """
            INSERT OR REPLACE INTO scans(scan_id, run_id, plan, started_unix_s, ended_unix_s, end_reason, message, points, remeasured, suspensions,
                spot_changes, total_s, count_s, moves_s, settle_s, readout_s, suspended_s, remeasure_s, overhead_s, spot_dose_gy)
            VALUES ($id, $run, $plan, $t0, $t1, $reason, $msg, $n, $re, $su, $sc, $tot, $cnt, $mv, $se, $ro, $sus, $rem, $ov, $dose)
            """;
        var d = r.DeadTime;
        cmd.Parameters.AddWithValue("$id", r.ScanId);
        cmd.Parameters.AddWithValue("$run", r.RunId);
        cmd.Parameters.AddWithValue("$plan", r.PlanName);
        cmd.Parameters.AddWithValue("$t0", ScanRunner.UnixSeconds(r.Started));
        cmd.Parameters.AddWithValue("$t1", ScanRunner.UnixSeconds(r.Ended));
        cmd.Parameters.AddWithValue("$reason", r.EndReason.ToString());
        cmd.Parameters.AddWithValue("$msg", r.Message);
        cmd.Parameters.AddWithValue("$n", r.Points.Count);
        cmd.Parameters.AddWithValue("$re", r.Remeasured);
        cmd.Parameters.AddWithValue("$su", r.Suspensions);
        cmd.Parameters.AddWithValue("$sc", r.SpotChanges);
        cmd.Parameters.AddWithValue("$tot", d.TotalS);
        cmd.Parameters.AddWithValue("$cnt", d.CountS);
        cmd.Parameters.AddWithValue("$mv", d.MovesS);
        cmd.Parameters.AddWithValue("$se", d.SettleS);
        cmd.Parameters.AddWithValue("$ro", d.ReadoutS);
        cmd.Parameters.AddWithValue("$sus", d.SuspendedS);
        cmd.Parameters.AddWithValue("$rem", d.RemeasureS);
        cmd.Parameters.AddWithValue("$ov", d.OverheadS);
        cmd.Parameters.AddWithValue("$dose", JsonSerializer.Serialize(r.SpotDoseGy));
    }

    [LoggerMessage(EventId = 651, Level = LogLevel.Warning, Message = "Storing {Count} scan records failed (attempt {Attempt}); retrying")]
    private static partial void LogStoreRetry(ILogger logger, Exception exception, int count, int attempt);
}

/// <summary>A scan's stored summary.</summary>
/// <param name="ScanId">The scan.</param>
/// <param name="RunId">The run.</param>
/// <param name="Plan">The plan's name.</param>
/// <param name="EndReason">How it ended.</param>
/// <param name="Message">Why.</param>
/// <param name="Points">Points recorded.</param>
/// <param name="Remeasured">Exposures discarded and measured again.</param>
/// <param name="Suspensions">Suspensions.</param>
/// <param name="SpotChanges">Moves to fresh spots.</param>
/// <param name="DeadTime">Where the time went.</param>
/// <param name="SpotDoseGy">Dose booked per spot, Gy.</param>
public sealed record StoredScanSummary(
    string ScanId, string RunId, string Plan, ScanEndReason EndReason, string Message, int Points, int Remeasured, int Suspensions, int SpotChanges,
    DeadTimeBreakdown DeadTime, IReadOnlyDictionary<string, double> SpotDoseGy);
