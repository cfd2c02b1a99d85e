using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Operando;

/// <summary>A channel's live sample stream as the operando engine reads it.</summary>
public interface ISampleFeed
{
    /// <summary>The channel's samples from <paramref name="fromSeq"/> on (stored, then live), until cancelled.</summary>
    IAsyncEnumerable<SampleRecord> SubscribeAsync(string channelId, long fromSeq, CancellationToken cancellationToken);

    /// <summary>The last sequence number stored for the channel (0 when none).</summary>
    Task<long> GetLastSeqAsync(string channelId, CancellationToken cancellationToken);
}

/// <summary>The daemon's feed: <see cref="StreamHub.SubscribeAsync"/> and the store's last sequence number.</summary>
public sealed class HubSampleFeed(StreamHub hub, SqliteStore store) : ISampleFeed
{
    /// <inheritdoc />
    public IAsyncEnumerable<SampleRecord> SubscribeAsync(string channelId, long fromSeq, CancellationToken cancellationToken) =>
        hub.SubscribeAsync(channelId, fromSeq, cancellationToken);

    /// <inheritdoc />
    public Task<long> GetLastSeqAsync(string channelId, CancellationToken cancellationToken) => store.GetLastSeqAsync(channelId, cancellationToken);
}
