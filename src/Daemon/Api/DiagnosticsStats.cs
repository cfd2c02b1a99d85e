using System.Collections.Concurrent;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Api;

/// <summary>What the Diagnostics Count streams have done, per tag; a singleton shared by every call.</summary>
internal sealed class DiagnosticsStats
{
    private readonly ConcurrentDictionary<string, TagCounters> _byTag = new(StringComparer.Ordinal);

    /// <summary>Counts a new stream as active and returns the counters it reports to.</summary>
    public TagCounters StreamStarted(string tag)
    {
        var counters = _byTag.GetOrAdd(tag ?? string.Empty, static _ => new TagCounters());
        Interlocked.Increment(ref counters.Active);
        return counters;
    }

    public StreamStats Snapshot(string tag) =>
        _byTag.TryGetValue(tag ?? string.Empty, out var c)
            ? new StreamStats { Produced = Interlocked.Read(ref c.Produced), Active = Volatile.Read(ref c.Active), Cancelled = Volatile.Read(ref c.Cancelled) }
            : new StreamStats();

    /// <summary>Counters of the streams with one tag.</summary>
    internal sealed class TagCounters
    {
        // Fields, so Interlocked can update them; read them through DiagnosticsStats.Snapshot.
#pragma warning disable CA1051 // Interlocked needs fields; the class is private to the diagnostics service.
        public long Produced;
        public int Active;
        public int Cancelled;
#pragma warning restore CA1051

        public void TickProduced() => Interlocked.Increment(ref Produced);

        public void StreamCancelled() => Interlocked.Increment(ref Cancelled);

        public void StreamEnded() => Interlocked.Decrement(ref Active);
    }
}
