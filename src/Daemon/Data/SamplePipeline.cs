using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OperandoRig.Daemon.Data;

/// <summary>
/// Carries samples from the channel runners to the store and then to the live hub. Producers never
/// wait: they number the record in its stream and hand it over. One writer loop stores what has
/// arrived as one transaction, then publishes it, so every subscriber sees only stored records.
/// </summary>
public sealed partial class SamplePipeline : IAsyncDisposable
{
    private readonly SqliteStore _store;
    private readonly StreamHub _hub;
    private readonly ILogger _logger;
    private readonly Channel<SampleRecord> _queue = Channel.CreateUnbounded<SampleRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal); // guarded by _seqGate
    private readonly Lock _seqGate = new();
    private readonly Task _writer;
    private readonly List<FlushWaiter> _waiters = [];
    private readonly TimeProvider _retryClock;
    private long _stored;
    private long _published;

    /// <summary>Starts the writer loop.</summary>
    /// <param name="store">Where samples go first.</param>
    /// <param name="hub">Where stored samples go next.</param>
    /// <param name="logger">Log.</param>
    /// <param name="retryClock">Clock for the back-off between storage retries (real time by default).</param>
    public SamplePipeline(SqliteStore store, StreamHub hub, ILogger<SamplePipeline> logger, TimeProvider? retryClock = null)
    {
        _retryClock = retryClock ?? TimeProvider.System;
        _store = store;
        _hub = hub;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Samples stored so far.</summary>
    public long StoredCount => Interlocked.Read(ref _stored);

    /// <summary>Samples handed over but not yet stored.</summary>
    public int Backlog => _queue.Reader.Count;

    /// <summary>Continues a channel's numbering after what the store already holds (call once per channel at start-up).</summary>
    public async Task InitialiseChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        var last = await _store.GetLastSeqAsync(channelId, cancellationToken).ConfigureAwait(false);
        lock (_seqGate)
        {
            _lastSeq[channelId] = last;
        }
    }

    /// <summary>Numbers <paramref name="sample"/> in its channel's stream and queues it; never blocks.</summary>
    public SampleRecord Publish(SampleRecord sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        SampleRecord numbered;
        lock (_seqGate)
        {
            var seq = _lastSeq.GetValueOrDefault(sample.ChannelId) + 1;
            _lastSeq[sample.ChannelId] = seq;
            numbered = sample with { Seq = seq };
            Interlocked.Increment(ref _published);
            _queue.Writer.TryWrite(numbered); // unbounded: acquisition never waits on storage
        }

        return numbered;
    }

    /// <summary>Waits until everything published before the call is stored and handed to subscribers.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var waiter = new FlushWaiter(Interlocked.Read(ref _published), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_waiters)
        {
            if (Interlocked.Read(ref _stored) >= waiter.Target)
            {
                return Task.CompletedTask;
            }

            _waiters.Add(waiter);
        }

        return waiter.Done.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<SampleRecord>(4096);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 20_000 && _queue.Reader.TryRead(out var r))
            {
                batch.Add(r);
            }

            await StoreWithRetryAsync(batch).ConfigureAwait(false);
            foreach (var group in batch.GroupBy(r => r.ChannelId, StringComparer.Ordinal))
            {
                _hub.Publish(group.Key, [.. group]);
            }

            var stored = Interlocked.Add(ref _stored, batch.Count);
            lock (_waiters)
            {
                foreach (var w in _waiters.Where(w => w.Target <= stored))
                {
                    w.Done.TrySetResult();
                }

                _waiters.RemoveAll(w => w.Target <= stored);
            }
        }
    }

    private async Task StoreWithRetryAsync(List<SampleRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.AppendSamplesAsync(batch, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                // e.g. a full disk or a lock held by an outside reader: keep the batch (never drop data) and try again.
                LogStoreRetry(_logger, ex, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 50 * attempt)), _retryClock).ConfigureAwait(false);
            }
        }
    }

    private sealed record FlushWaiter(long Target, TaskCompletionSource Done);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Storing {Count} samples failed (attempt {Attempt}); retrying")]
    private static partial void LogStoreRetry(ILogger logger, Exception exception, int count, int attempt);
}
