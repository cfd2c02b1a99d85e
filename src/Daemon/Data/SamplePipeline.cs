using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OperandoRig.Daemon.Data;

/// <summary>
/// Carries samples from the channel runners, and event records from every producer, to the store and then to the live
/// hub. Producers never wait: they hand the record over (samples are numbered in their channel's stream at once, events
/// in their stream by the writer, in the order they were handed over). One writer loop stores what has arrived as one
/// transaction, then publishes it, so every subscriber sees only stored records. The queue to the store is the one
/// unbounded hop (the store is the source of truth and drops nothing); its depth, its high-water mark and the store's
/// batch figures are measured (<see cref="GetStats"/>); live subscribers have bounded buffers in the <see cref="StreamHub"/>.
/// </summary>
public sealed partial class SamplePipeline : IAsyncDisposable
{
    private const int MaxBatch = 20_000;

    private readonly SqliteStore _store;
    private readonly StreamHub _hub;
    private readonly ILogger _logger;
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal); // guarded by _seqGate
    private readonly Dictionary<string, long> _lastEventSeq = new(StringComparer.Ordinal); // writer loop only
    private readonly Lock _seqGate = new();
    private readonly Task _writer;
    private readonly List<FlushWaiter> _waiters = [];
    private readonly TimeProvider _retryClock;
    private long _storedSamples;
    private long _storedEvents;
    private long _stored;
    private long _published;
    private long _maxBacklog;
    private long _batches;
    private long _storeRetries;
    private long _lastBatchRecords;
    private long _maxBatchRecords;

    /// <summary>Starts the writer loop.</summary>
    /// <param name="store">Where records go first.</param>
    /// <param name="hub">Where stored records go next.</param>
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
    public long StoredCount => Interlocked.Read(ref _storedSamples);

    /// <summary>Events stored so far.</summary>
    public long StoredEventCount => Interlocked.Read(ref _storedEvents);

    /// <summary>Records handed over but not yet stored.</summary>
    public int Backlog => (int)Math.Max(0, Interlocked.Read(ref _published) - Interlocked.Read(ref _stored));

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
            Enqueue(numbered);
        }

        return numbered;
    }

    /// <summary>
    /// Queues <paramref name="record"/> for its event stream; never blocks. The writer numbers it after the last event
    /// of the stream (stored or queued), in the order events were handed over; its <see cref="EventRecord.Seq"/> is ignored.
    /// </summary>
    public void PublishEvent(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Stream);
        lock (_seqGate)
        {
            Enqueue(record);
        }
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

    /// <summary>The pipeline's figures now: queue depth and high-water mark, records stored, batches, retries.</summary>
    public PipelineStats GetStats() => new(
        Backlog,
        Interlocked.Read(ref _maxBacklog),
        Interlocked.Read(ref _published),
        Interlocked.Read(ref _storedSamples),
        Interlocked.Read(ref _storedEvents),
        Interlocked.Read(ref _batches),
        Interlocked.Read(ref _lastBatchRecords),
        Interlocked.Read(ref _maxBatchRecords),
        Interlocked.Read(ref _storeRetries),
        _hub.LagFallbacks);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    /// <summary>Counts and queues one record (caller holds <see cref="_seqGate"/>, so queue order is numbering order).</summary>
    private void Enqueue(object record)
    {
        var published = Interlocked.Increment(ref _published);
        var depth = published - Interlocked.Read(ref _stored);
        if (depth > Interlocked.Read(ref _maxBacklog))
        {
            Interlocked.Exchange(ref _maxBacklog, depth); // under _seqGate: the only writer of the high-water mark
        }

        _queue.Writer.TryWrite(record); // unbounded: acquisition never waits on storage
    }

    private async Task WriteLoopAsync()
    {
        var samples = new List<SampleRecord>(4096);
        var events = new List<EventRecord>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            samples.Clear();
            events.Clear();
            while (samples.Count + events.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                if (item is SampleRecord s)
                {
                    samples.Add(s);
                }
                else
                {
                    events.Add(await NumberAsync((EventRecord)item).ConfigureAwait(false));
                }
            }

            await StoreWithRetryAsync(samples, events).ConfigureAwait(false);
            PublishStored(samples, events);
            var count = samples.Count + events.Count;
            Interlocked.Add(ref _storedSamples, samples.Count);
            Interlocked.Add(ref _storedEvents, events.Count);
            Interlocked.Increment(ref _batches);
            Interlocked.Exchange(ref _lastBatchRecords, count);
            if (count > Interlocked.Read(ref _maxBatchRecords))
            {
                Interlocked.Exchange(ref _maxBatchRecords, count);
            }

            var stored = Interlocked.Add(ref _stored, count);
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

    /// <summary>Gives an event the next number of its stream (the writer loop is the only caller).</summary>
    private async ValueTask<EventRecord> NumberAsync(EventRecord record)
    {
        if (!_lastEventSeq.TryGetValue(record.Stream, out var last))
        {
            last = await _store.GetLastEventSeqAsync(record.Stream, CancellationToken.None).ConfigureAwait(false);
        }

        _lastEventSeq[record.Stream] = last + 1;
        return record with { Seq = last + 1 };
    }

    private void PublishStored(List<SampleRecord> samples, List<EventRecord> events)
    {
        if (samples.Count > 0)
        {
            var first = samples[0].ChannelId;
            if (samples.TrueForAll(r => string.Equals(r.ChannelId, first, StringComparison.Ordinal)))
            {
                _hub.Publish(first, [.. samples]);
            }
            else
            {
                foreach (var group in samples.GroupBy(r => r.ChannelId, StringComparer.Ordinal))
                {
                    _hub.Publish(group.Key, [.. group]);
                }
            }
        }

        foreach (var group in events.GroupBy(e => e.Stream, StringComparer.Ordinal))
        {
            _hub.PublishEvents(group.Key, [.. group]);
        }
    }

    private async Task StoreWithRetryAsync(List<SampleRecord> samples, List<EventRecord> events)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.AppendAsync(samples, events, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                // e.g. a full disk or a lock held by an outside reader: keep the batch (never drop data) and try again.
                Interlocked.Increment(ref _storeRetries);
                LogStoreRetry(_logger, ex, samples.Count + events.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 50 * attempt)), _retryClock).ConfigureAwait(false);
            }
        }
    }

    private sealed record FlushWaiter(long Target, TaskCompletionSource Done);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Storing {Count} records failed (attempt {Attempt}); retrying")]
    private static partial void LogStoreRetry(ILogger logger, Exception exception, int count, int attempt);
}

/// <summary>The pipeline's figures at one instant.</summary>
/// <param name="QueueDepth">Records handed over but not yet stored.</param>
/// <param name="MaxQueueDepth">The highest queue depth seen since start.</param>
/// <param name="Published">Records handed over since start (samples and events).</param>
/// <param name="StoredSamples">Samples stored since start.</param>
/// <param name="StoredEvents">Events stored since start.</param>
/// <param name="Batches">Store transactions written.</param>
/// <param name="LastBatchRecords">Records in the last transaction.</param>
/// <param name="MaxBatchRecords">Records in the largest transaction.</param>
/// <param name="StoreRetries">Failed store attempts that were retried (nothing is dropped).</param>
/// <param name="LagFallbacks">Times a live subscriber fell behind its buffer and went back to the store.</param>
public sealed record PipelineStats(long QueueDepth, long MaxQueueDepth, long Published, long StoredSamples, long StoredEvents, long Batches,
    long LastBatchRecords, long MaxBatchRecords, long StoreRetries, long LagFallbacks);
