using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OperandoRig.Daemon.Operando.Sync;

/// <summary>
/// Sync points between the operando engine and external beamline scripts. The engine publishes a point and waits (on
/// the daemon clock) for its acknowledgement; watchers (the gRPC server stream) get every pending point when they
/// subscribe, then each new one. Thread-safe.
/// </summary>
public sealed class SyncPointHub(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _points = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Channel<SyncPoint>, byte> _watchers = new();
    private long _counter;

    /// <summary>The daemon clock.</summary>
    public TimeProvider Time => time;

    /// <summary>Sync points published and not yet acknowledged or expired.</summary>
    public IReadOnlyList<SyncPoint> Pending => [.. _points.Values.Where(e => e.State == EntryState.Pending).Select(e => e.Point).OrderBy(p => p.PublishedUnixS)];

    /// <summary>A new unique sync id for <paramref name="channelId"/>.</summary>
    public string NextId(string channelId) => $"{channelId}-sync-{Interlocked.Increment(ref _counter)}";

    /// <summary>
    /// Publishes <paramref name="point"/> and waits until it is acknowledged or <paramref name="timeout"/> (daemon clock)
    /// passes. With <paramref name="expireOnTimeout"/> false the point stays open after the timeout (the caller keeps
    /// waiting with <see cref="WaitAcknowledgedAsync"/>).
    /// </summary>
    public async Task<SyncOutcome> PublishAndWaitAsync(SyncPoint point, TimeSpan timeout, bool expireOnTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        var entry = new Entry(point);
        if (!_points.TryAdd(point.SyncId, entry))
        {
            throw new ArgumentException($"sync_id: '{point.SyncId}' was published already", nameof(point));
        }

        foreach (var w in _watchers.Keys)
        {
            w.Writer.TryWrite(point);
        }

        try
        {
            await entry.Acked.Task.WaitAsync(TimeSpan.FromMilliseconds(Math.Ceiling(timeout.TotalMilliseconds)), time, cancellationToken);
            return SyncOutcome.Acknowledged;
        }
        catch (TimeoutException)
        {
            if (expireOnTimeout && entry.TryExpire())
            {
                return SyncOutcome.TimedOut;
            }

            return entry.State == EntryState.Acknowledged ? SyncOutcome.Acknowledged : SyncOutcome.TimedOut;
        }
    }

    /// <summary>Waits until <paramref name="syncId"/> is acknowledged (no deadline).</summary>
    public Task WaitAcknowledgedAsync(string syncId, CancellationToken cancellationToken) =>
        _points.TryGetValue(syncId, out var e) ? e.Acked.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Acknowledges <paramref name="syncId"/>: the engine goes on. <paramref name="outcome"/> (e.g. <c>done</c>,
    /// <c>failed</c>) and <paramref name="note"/> say what the script did; they are recorded with the acknowledgement.
    /// </summary>
    public AckResult Acknowledge(string syncId, string outcome = "done", string note = "")
    {
        if (!_points.TryGetValue(syncId ?? "", out var entry))
        {
            return AckResult.Unknown;
        }

        return entry.TryAcknowledge(new SyncAcknowledgement(outcome ?? "done", note ?? "", (time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds));
    }

    /// <summary>The sync point <paramref name="syncId"/> (pending, acknowledged or expired), or null when unknown.</summary>
    public SyncPoint? Find(string syncId) => _points.TryGetValue(syncId ?? "", out var e) ? e.Point : null;

    /// <summary>How <paramref name="syncId"/> was acknowledged, or null when it was not (yet).</summary>
    public SyncAcknowledgement? AcknowledgementOf(string syncId) => _points.TryGetValue(syncId ?? "", out var e) ? e.Acknowledgement : null;

    /// <summary>The pending sync points (optionally of one channel), then each new one, until cancelled.</summary>
    public async IAsyncEnumerable<SyncPoint> WatchAsync(string? channelId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<SyncPoint>(new UnboundedChannelOptions { SingleReader = true });
        _watchers.TryAdd(channel, 0);
        try
        {
            var sent = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in Pending)
            {
                if (Matches(p) && sent.Add(p.SyncId))
                {
                    yield return p;
                }
            }

            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var p))
                {
                    if (Matches(p) && sent.Add(p.SyncId))
                    {
                        yield return p;
                    }
                }
            }
        }
        finally
        {
            _watchers.TryRemove(channel, out _);
        }

        bool Matches(SyncPoint p) => string.IsNullOrEmpty(channelId) || p.ChannelId == channelId;
    }

    private enum EntryState
    {
        Pending,
        Acknowledged,
        Expired,
    }

    private sealed class Entry(SyncPoint point)
    {
        private readonly Lock _gate = new();

        public SyncPoint Point => point;

        public EntryState State { get; private set; }

        public TaskCompletionSource Acked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SyncAcknowledgement? Acknowledgement { get; private set; }

        public AckResult TryAcknowledge(SyncAcknowledgement acknowledgement)
        {
            lock (_gate)
            {
                switch (State)
                {
                    case EntryState.Acknowledged:
                        return AckResult.AlreadyAcknowledged;
                    case EntryState.Expired:
                        return AckResult.Expired;
                }

                State = EntryState.Acknowledged;
                Acknowledgement = acknowledgement;
            }

            Acked.TrySetResult();
            return AckResult.Accepted;
        }

        public bool TryExpire()
        {
            lock (_gate)
            {
                if (State != EntryState.Pending)
                {
                    return false;
                }

                State = EntryState.Expired;
                return true;
            }
        }
    }
}
