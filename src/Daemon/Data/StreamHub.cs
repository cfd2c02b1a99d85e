using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OperandoRig.Daemon.Data;

/// <summary>
/// Fans stored records out to live subscribers: a channel's samples (stream = channel id) and event streams
/// (<see cref="EventRecord.Stream"/>). A subscriber asks for a stream from a sequence number: it gets the stored
/// records from the store, then live ones, with no gap and no duplicate (records are published only after they are
/// stored, and the hand-over skips sequence numbers already sent). Each subscriber has a bounded buffer; one too slow
/// for it is dropped from the live feed (the publisher never waits), told so through its lag callback, and catches up
/// from the store, so it never slows acquisition.
/// </summary>
public sealed class StreamHub
{
    private readonly SqliteStore _store;
    private readonly Fanout<SampleRecord> _samples;
    private readonly Fanout<EventRecord> _events;

    /// <summary>Creates the hub over <paramref name="store"/>; <paramref name="subscriberBuffer"/> live records per subscriber.</summary>
    public StreamHub(SqliteStore store, int subscriberBuffer = 8192)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subscriberBuffer, 1);
        _store = store;
        _samples = new Fanout<SampleRecord>("samples", subscriberBuffer, static r => r.Seq);
        _events = new Fanout<EventRecord>("events", subscriberBuffer, static r => r.Seq);
    }

    /// <summary>Number of times a slow subscriber had to fall back to the store.</summary>
    public long LagFallbacks => _samples.LagFallbacks + _events.LagFallbacks;

    /// <summary>Publishes stored samples (in sequence order) to the live subscribers of their channel.</summary>
    public void Publish(string channelId, IReadOnlyList<SampleRecord> stored) => _samples.Publish(channelId, stored);

    /// <summary>Publishes stored events (in sequence order) to the live followers of their stream.</summary>
    public void PublishEvents(string stream, IReadOnlyList<EventRecord> stored) => _events.Publish(stream, stored);

    /// <summary>The channel's samples from <paramref name="fromSeq"/> on: stored ones, then live ones, until cancelled.</summary>
    public IAsyncEnumerable<SampleRecord> SubscribeAsync(string channelId, long fromSeq, CancellationToken cancellationToken) =>
        SubscribeAsync(channelId, fromSeq, null, cancellationToken);

    /// <summary>
    /// The channel's samples from <paramref name="fromSeq"/> on: stored ones, then live ones, until cancelled;
    /// <paramref name="lagged"/> is called (with the next sequence number due) each time the subscriber fell behind its
    /// live buffer and goes back to the store.
    /// </summary>
    public IAsyncEnumerable<SampleRecord> SubscribeAsync(string channelId, long fromSeq, Action<long>? lagged, CancellationToken cancellationToken) =>
        _samples.SubscribeAsync(channelId, fromSeq, (from, ct) => _store.ReadSamplesAsync(channelId, from, ct), lagged, cancellationToken);

    /// <summary>An event stream from <paramref name="fromSeq"/> on: stored events, then live ones, until cancelled.</summary>
    public IAsyncEnumerable<EventRecord> SubscribeEventsAsync(string stream, long fromSeq, Action<long>? lagged, CancellationToken cancellationToken) =>
        _events.SubscribeAsync(stream, fromSeq, (from, ct) => _store.ReadEventsAsync(stream, from, ct), lagged, cancellationToken);

    /// <summary>Each live subscriber's position against its stream, for diagnostics.</summary>
    public IReadOnlyList<SubscriberStats> GetSubscriberStats() => [.. _samples.Snapshot(), .. _events.Snapshot()];

    /// <summary>The records of one kind, fanned out per stream.</summary>
    private sealed class Fanout<T>(string kind, int subscriberBuffer, Func<T, long> seqOf)
    {
        private readonly ConcurrentDictionary<string, StreamState> _streams = new(StringComparer.Ordinal);
        private long _lagFallbacks;

        public long LagFallbacks => Interlocked.Read(ref _lagFallbacks);

        public void Publish(string stream, IReadOnlyList<T> stored)
        {
            ArgumentNullException.ThrowIfNull(stored);
            if (stored.Count == 0)
            {
                return;
            }

            var state = _streams.GetOrAdd(stream, static _ => new StreamState());
            Volatile.Write(ref state.PublishedSeq, seqOf(stored[^1]));
            foreach (var sub in state.Subscribers.Keys)
            {
                foreach (var record in stored)
                {
                    if (!sub.Buffer.Writer.TryWrite(record))
                    {
                        sub.Buffer.Writer.TryComplete(); // lagged: it resumes from the store
                        break;
                    }
                }
            }
        }

        public async IAsyncEnumerable<T> SubscribeAsync(string stream, long fromSeq, Func<long, CancellationToken, IAsyncEnumerable<T>> replay,
            Action<long>? lagged, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var state = _streams.GetOrAdd(stream, static _ => new StreamState());
            var next = Math.Max(fromSeq, 1);
            while (true)
            {
                var sub = new Subscription(Channel.CreateBounded<T>(new BoundedChannelOptions(subscriberBuffer)
                {
                    SingleReader = true,
                    SingleWriter = true,
                    FullMode = BoundedChannelFullMode.Wait,
                }))
                {
                    NextSeq = next,
                };
                state.Subscribers.TryAdd(sub, 0);
                try
                {
                    await foreach (var stored in replay(next, cancellationToken).ConfigureAwait(false))
                    {
                        next = seqOf(stored) + 1;
                        Volatile.Write(ref sub.NextSeq, next);
                        yield return stored;
                    }

                    await foreach (var live in sub.Buffer.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var seq = seqOf(live);
                        if (seq < next)
                        {
                            continue; // already sent from the store
                        }

                        if (seq > next)
                        {
                            break; // a gap: go back to the store for it
                        }

                        next = seq + 1;
                        Volatile.Write(ref sub.NextSeq, next);
                        yield return live;
                    }
                }
                finally
                {
                    state.Subscribers.TryRemove(sub, out _);
                }

                Interlocked.Increment(ref _lagFallbacks);
                lagged?.Invoke(next);
            }
        }

        public IEnumerable<SubscriberStats> Snapshot()
        {
            foreach (var (stream, state) in _streams)
            {
                var published = Volatile.Read(ref state.PublishedSeq);
                foreach (var sub in state.Subscribers.Keys)
                {
                    var delivered = Volatile.Read(ref sub.NextSeq) - 1;
                    yield return new SubscriberStats(kind, stream, delivered, published, Math.Max(0, published - delivered), sub.Buffer.Reader.Count);
                }
            }
        }

        private sealed class StreamState
        {
#pragma warning disable CA1051 // Volatile needs a field; the class is private to the hub.
            public long PublishedSeq;
#pragma warning restore CA1051

            public ConcurrentDictionary<Subscription, byte> Subscribers { get; } = new();
        }

        private sealed class Subscription(Channel<T> buffer)
        {
#pragma warning disable CA1051 // Volatile needs a field; the class is private to the hub.
            public long NextSeq;
#pragma warning restore CA1051

            public Channel<T> Buffer { get; } = buffer;
        }
    }
}

/// <summary>One live subscriber's position: what it has been handed against what its stream has published.</summary>
/// <param name="Kind"><c>samples</c> or <c>events</c>.</param>
/// <param name="Stream">The channel id (samples) or the event stream.</param>
/// <param name="DeliveredSeq">The last sequence number handed to the subscriber (0 none).</param>
/// <param name="PublishedSeq">The last sequence number the stream has published live in this daemon's life (0 none).</param>
/// <param name="LagRecords">Records published but not yet handed to the subscriber.</param>
/// <param name="BufferDepth">Records waiting in its live buffer.</param>
public sealed record SubscriberStats(string Kind, string Stream, long DeliveredSeq, long PublishedSeq, long LagRecords, int BufferDepth);
