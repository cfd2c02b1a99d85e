using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OperandoRig.Daemon.Data.Influx;

/// <summary>
/// Replicates the store's samples to InfluxDB: reads each channel's samples after its durable cursor, posts them in
/// batches of <see cref="InfluxOptions.BatchSize"/> lines, and advances the cursors only after the server accepted
/// the batch. An InfluxDB outage therefore loses nothing: the backlog stays in SQLite and is sent in order when the
/// server is back, also across daemon restarts.
/// </summary>
/// <remarks>
/// <para><b>Exactly once, in order.</b> One batch is in flight at a time; a channel's samples go out in seq order;
/// the cursor moves after a 2xx. If the daemon dies between the server's 2xx and the cursor commit, that batch is
/// sent again after the restart; InfluxDB stores a point with the same series and timestamp once (the second write
/// overwrites it with identical values), so the replica still holds each sample once. (VictoriaMetrics keeps such
/// duplicates unless started with <c>-dedup.minScrapeInterval</c>.)</para>
/// <para><b>Context.</b> The forwarder's awaits resume on the caller's context (none in the daemon: the thread pool;
/// the loop when <see cref="RunAsync"/> is called on a <see cref="Simulators.Time.SimulationLoop"/>), and Polly's retry
/// waits do too, so on a simulated clock every attempt, back-off and lag update happens at its exact virtual instant
/// instead of on a pool thread the loop may not wait for.</para>
/// <para><b>Rejections.</b> A batch the server rejects for good (400, 401/403, 404, 413, 422) is not skipped: the
/// forwarder logs the server's message, shows it in <see cref="LastError"/>, and tries again every
/// <see cref="InfluxOptions.RejectedRetryInterval"/>, so fixing the server (creating the database, a token) resumes
/// the replica without a restart. Points with no representable field or time are skipped and counted
/// (<see cref="SkippedRecords"/>); they remain in SQLite.</para>
/// </remarks>
public sealed partial class InfluxForwarder : BackgroundService
{
    private readonly InfluxOptions _options;
    private readonly string _databasePath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LineProtocolWriter _lines = new();
    private readonly List<SampleRecord> _batch = [];
    private InfluxOutbox? _outbox;
    private Dictionary<string, long> _cursors = new(StringComparer.Ordinal);
    private int _rotation;
    private long _forwarded;
    private long _skipped;
    private long _droppedByServer;
    private long _batches;
    private long _recordsBehind;
    private double _oldestPendingUnixS = double.NaN;
    private string? _rejection;

    /// <summary>Creates the forwarder (nothing runs until started).</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="databasePath">The store file (<see cref="SqliteStore.Path"/>); it must exist.</param>
    /// <param name="time">The daemon clock: every wait, and the lag in seconds.</param>
    /// <param name="logger">Log.</param>
    /// <param name="handler">HTTP handler (tests); a <see cref="SocketsHttpHandler"/> by default. Owned by the forwarder.</param>
    /// <param name="random">Jitter source in [0, 1); <see cref="Random.Shared"/> by default.</param>
    public InfluxForwarder(InfluxOptions options, string databasePath, TimeProvider time, ILogger<InfluxForwarder> logger,
        HttpMessageHandler? handler = null, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _databasePath = databasePath;
        _time = time;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // attempts are timed out by the pipeline, on the daemon clock
        };
        Writer = new InfluxHttpWriter(options, _http, time, logger, random);
    }

    /// <summary>The HTTP writer (circuit state, attempts, retries).</summary>
    public InfluxHttpWriter Writer { get; }

    /// <summary>Samples the server has accepted since start.</summary>
    public long ForwardedRecords => Interlocked.Read(ref _forwarded);

    /// <summary>Samples skipped because they had no representable field or time (still in SQLite).</summary>
    public long SkippedRecords => Interlocked.Read(ref _skipped);

    /// <summary>Points the server dropped in 1.x partial writes (still in SQLite).</summary>
    public long DroppedByServer => Interlocked.Read(ref _droppedByServer);

    /// <summary>Batches accepted since start.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Forwarding lag in records: samples in the store not yet accepted by the server (as of the last batch read from the store).</summary>
    public long RecordsBehind => Interlocked.Read(ref _recordsBehind);

    /// <summary>Forwarding lag in seconds: how old the oldest sample not yet forwarded is, on the daemon clock; 0 when caught up.</summary>
    public double SecondsBehind
    {
        get
        {
            var oldest = Volatile.Read(ref _oldestPendingUnixS);
            return double.IsNaN(oldest) ? 0 : Math.Max(0, (_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0) - oldest);
        }
    }

    /// <summary>The server's reason when it rejected the pending batch for good; null otherwise.</summary>
    public string? Rejection => Volatile.Read(ref _rejection);

    /// <summary>The last problem (a rejection, or the last retried failure); null when the last write succeeded.</summary>
    public string? LastError => Rejection ?? Writer.LastError;

    /// <summary>
    /// Forwards everything stored so far, batch by batch, until caught up; returns the samples accepted. Waits
    /// through retryable failures (see <see cref="InfluxHttpWriter"/>).
    /// </summary>
    /// <exception cref="InfluxWriteException">The server rejected a batch for good; its cursor did not move.</exception>
    public async Task<long> ForwardPendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var outbox = await GetOutboxAsync(cancellationToken);
            var planned = new Dictionary<string, long>(_cursors, StringComparer.Ordinal);
            var current = await PrepareBatchAsync(outbox, planned, cancellationToken);
            var send = current is null ? null : Send(current, cancellationToken);
            long total = 0;
            while (current is not null && send is not null)
            {
                // Pipelining: while this batch is on the wire, show the lag and read, build and compress the next one.
                // Cursors move only after this one's 2xx; if it is rejected, the prepared batch is dropped and read again later.
                PreparedBatch? next;
                try
                {
                    await UpdateLagAsync(outbox, cancellationToken); // shows the lag while this batch waits out an outage
                    next = await PrepareBatchAsync(outbox, planned, cancellationToken);
                }
                catch
                {
                    await Task.WhenAny(send);
                    throw;
                }

                InfluxWriteResult result;
                try
                {
                    result = await WaitRefreshingLagAsync(send, outbox, cancellationToken);
                    Volatile.Write(ref _rejection, null);
                }
                catch (InfluxWriteException e)
                {
                    Volatile.Write(ref _rejection, e.Message);
                    throw;
                }

                // The server has the batch: put the next one on the wire at once (no idle gap on the server), then make
                // this one's cursors durable. Not cancellable: the batch is sent.
                var nextSend = next is null ? null : Send(next, cancellationToken);
                try
                {
                    await outbox.SaveCursorsAsync(current.Advanced, NowUnixS(), CancellationToken.None);
                }
                catch
                {
                    if (nextSend is not null)
                    {
                        await Task.WhenAny(nextSend);
                    }

                    throw;
                }

                foreach (var (channel, seq) in current.Advanced)
                {
                    _cursors[channel] = seq;
                }

                Interlocked.Add(ref _forwarded, current.Points);
                Interlocked.Add(ref _skipped, current.Skipped);
                Interlocked.Add(ref _droppedByServer, result.DroppedByServer);
                Interlocked.Increment(ref _batches);
                total += current.Records;
                current = next;
                send = nextSend;
            }

            await UpdateLagAsync(outbox, cancellationToken);
            return total;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _outbox?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _outbox = null;
        _http.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>
    /// The forwarding loop the hosted service runs: forward what is pending, wait <see cref="InfluxOptions.PollInterval"/>
    /// (or <see cref="InfluxOptions.RejectedRetryInterval"/> after a rejection), repeat until cancelled. Call it directly
    /// (instead of StartAsync, which runs it on the thread pool) to keep it on the caller's context, e.g. a simulation loop.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        LogStarted(_logger, _options.TargetKey);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = _options.PollInterval;
            try
            {
                await ForwardPendingAsync(stoppingToken);
            }
            catch (InfluxWriteException)
            {
                wait = _options.RejectedRetryInterval; // already logged with the server's message
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
            {
                LogLoopError(_logger, e.Message, e);
                wait = _options.RejectedRetryInterval;
            }

            try
            {
                await Task.Delay(wait, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (_outbox is { } outbox)
        {
            _outbox = null;
            await outbox.DisposeAsync();
        }
    }

    /// <summary>Reads up to a batch of samples after <paramref name="planned"/> (advancing it), as an encoded body; null when nothing is pending.</summary>
    private async Task<PreparedBatch?> PrepareBatchAsync(InfluxOutbox outbox, Dictionary<string, long> planned, CancellationToken cancellationToken)
    {
        _batch.Clear();
        var channels = await outbox.ListChannelsAsync(cancellationToken);
        if (channels.Count == 0)
        {
            return null;
        }

        // Rotate the starting channel so that a long backlog on one channel does not starve the others.
        var start = _rotation++ % channels.Count;
        for (var k = 0; k < channels.Count && _batch.Count < _options.BatchSize; k++)
        {
            var channel = channels[(start + k) % channels.Count];
            await outbox.ReadAfterAsync(channel, planned.GetValueOrDefault(channel), _options.BatchSize - _batch.Count, _batch, cancellationToken);
        }

        if (_batch.Count == 0)
        {
            return null;
        }

        _lines.Clear();
        var advanced = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in _batch)
        {
            SampleLineProtocol.Append(_lines, _options.Measurement, _options.Precision, r);
            advanced[r.ChannelId] = r.Seq; // records of a channel come in seq order
        }

        foreach (var (channel, seq) in advanced)
        {
            planned[channel] = seq;
        }

        if (_lines.SkippedPoints > 0)
        {
            LogSkipped(_logger, _lines.SkippedPoints);
        }

        var body = _lines.PointCount > 0 ? Writer.EncodeBody(_lines.Complete) : [];
        return new PreparedBatch(body, advanced, _batch.Count, _lines.PointCount, _lines.SkippedPoints);
    }

    private Task<InfluxWriteResult> Send(PreparedBatch batch, CancellationToken cancellationToken) =>
        batch.Points > 0 ? Writer.WriteBodyAsync(batch.Body, cancellationToken) : Task.FromResult(new InfluxWriteResult(0, 0, ""));

    /// <summary>Awaits the write; while it waits out an outage, refreshes the lag every poll interval.</summary>
    private async Task<InfluxWriteResult> WaitRefreshingLagAsync(Task<InfluxWriteResult> write, InfluxOutbox outbox, CancellationToken cancellationToken)
    {
        if (!write.IsCompleted)
        {
            using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (!write.IsCompleted)
            {
                var tick = Task.Delay(_options.PollInterval, _time, stopPolling.Token);
                if (await Task.WhenAny(write, tick) == tick && !write.IsCompleted && !tick.IsCanceled)
                {
                    await UpdateLagAsync(outbox, cancellationToken);
                }
            }

            stopPolling.Cancel(); // synchronous: CancelAsync would resume this method on a pool thread
        }

        return await write;
    }

    private async Task UpdateLagAsync(InfluxOutbox outbox, CancellationToken cancellationToken)
    {
        long behind = 0;
        var oldest = double.NaN;
        foreach (var channel in await outbox.ListChannelsAsync(cancellationToken))
        {
            var (count, first) = await outbox.GetPendingAsync(channel, _cursors.GetValueOrDefault(channel), cancellationToken);
            behind += count;
            if (first is { } t && (double.IsNaN(oldest) || t < oldest))
            {
                oldest = t;
            }
        }

        Interlocked.Exchange(ref _recordsBehind, behind);
        Volatile.Write(ref _oldestPendingUnixS, oldest);
    }

    private async Task<InfluxOutbox> GetOutboxAsync(CancellationToken cancellationToken)
    {
        if (_outbox is { } open)
        {
            return open;
        }

        var outbox = await InfluxOutbox.OpenAsync(_databasePath, _options.TargetKey, cancellationToken);
        _cursors = await outbox.LoadCursorsAsync(cancellationToken);
        _outbox = outbox;
        return outbox;
    }

    private double NowUnixS() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>A batch read from the outbox and encoded, with the cursors it moves to once accepted.</summary>
    private sealed record PreparedBatch(byte[] Body, Dictionary<string, long> Advanced, int Records, int Points, int Skipped);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB forwarder started: {Target}")]
    private static partial void LogStarted(ILogger logger, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB forwarder skipped {Count} sample(s) with no representable field or time (kept in SQLite)")]
    private static partial void LogSkipped(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB forwarder: {Message}")]
    private static partial void LogLoopError(ILogger logger, string message, Exception exception);

    /// <summary>For logs.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"InfluxForwarder({_options.TargetKey}, {RecordsBehind} behind)");
}
