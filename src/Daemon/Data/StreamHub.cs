using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OperandoRig.Daemon.Data;

/// <summary>
/// Fans stored samples out to live subscribers. A subscriber asks for a channel's stream from a
/// sequence number: it gets the stored records from the store, then live ones, with no gap and no
/// duplicate (records are published only after they are stored, and the hand-over skips sequence
/// numbers already sent). A subscriber too slow for its buffer is dropped from the live feed and
/// silently catches up from the store, so it never slows acquisition.
/// </summary>
public sealed class StreamHub(SqliteStore store, int subscriberBuffer = 8192)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Number of times a slow subscriber had to fall back to the store.</summary>
    public long LagFallbacks => Interlocked.Read(ref _lagFallbacks);

    private long _lagFallbacks;

    /// <summary>Publishes stored records (in sequence order) to the live subscribers of their channel.</summary>
    public void Publish(string channelId, IReadOnlyList<SampleRecord> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!_subscribers.TryGetValue(channelId, out var subs))
        {
            return;
        }

        foreach (var sub in subs.Keys)
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

    /// <summary>The channel's samples from <paramref name="fromSeq"/> on: stored ones, then live ones, until cancelled.</summary>
    public async IAsyncEnumerable<SampleRecord> SubscribeAsync(string channelId, long fromSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = Math.Max(fromSeq, 1);
        while (true)
        {
            var sub = new Subscription(Channel.CreateBounded<SampleRecord>(new BoundedChannelOptions(subscriberBuffer)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            }));
            var subs = _subscribers.GetOrAdd(channelId, _ => new());
            subs.TryAdd(sub, 0);
            try
            {
                await foreach (var stored in store.ReadSamplesAsync(channelId, next, cancellationToken).ConfigureAwait(false))
                {
                    next = stored.Seq + 1;
                    yield return stored;
                }

                await foreach (var live in sub.Buffer.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (live.Seq < next)
                    {
                        continue; // already sent from the store
                    }

                    if (live.Seq > next)
                    {
                        break; // a gap: go back to the store for it
                    }

                    next = live.Seq + 1;
                    yield return live;
                }
            }
            finally
            {
                subs.TryRemove(sub, out _);
            }

            Interlocked.Increment(ref _lagFallbacks);
        }
    }

    private sealed record Subscription(Channel<SampleRecord> Buffer);
}
