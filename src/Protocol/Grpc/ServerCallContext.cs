namespace OperandoRig.Protocol.Grpc;

/// <summary>What a service method knows about the call it is handling.</summary>
public abstract class ServerCallContext
{
    /// <summary>The method's full name, e.g. <c>/operando.v1.Diagnostics/Ping</c>.</summary>
    public string Method => MethodCore;

    /// <summary>The value of the <c>:authority</c> pseudo-header.</summary>
    public string Host => HostCore;

    /// <summary>The caller's address, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public string Peer => PeerCore;

    /// <summary>When the call times out (UTC), or <see cref="DateTime.MaxValue"/> without a deadline.</summary>
    public DateTime Deadline => DeadlineCore;

    public Metadata RequestHeaders => RequestHeadersCore;

    /// <summary>Fires when the client cancels the call, the deadline passes or the server shuts down.</summary>
    public CancellationToken CancellationToken => CancellationTokenCore;

    /// <summary>Extra trailers sent after the status.</summary>
    public Metadata ResponseTrailers => ResponseTrailersCore;

    /// <summary>The status to send when the handler returns normally (OK unless set).</summary>
    public Status Status
    {
        get => StatusCore;
        set => StatusCore = value;
    }

    protected abstract string MethodCore { get; }

    protected abstract string HostCore { get; }

    protected abstract string PeerCore { get; }

    protected abstract DateTime DeadlineCore { get; }

    protected abstract Metadata RequestHeadersCore { get; }

    protected abstract CancellationToken CancellationTokenCore { get; }

    protected abstract Metadata ResponseTrailersCore { get; }

    protected abstract Status StatusCore { get; set; }
}
