namespace OperandoRig.Protocol.Grpc;

/// <summary>Per-call options: request headers, a deadline (sent as <c>grpc-timeout</c>) and a cancellation token.</summary>
public readonly struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    public Metadata? Headers { get; }

    /// <summary>When the call times out, in UTC (a local time is converted); null = no deadline.</summary>
    public DateTime? Deadline { get; }

    public CancellationToken CancellationToken { get; }

    public CallOptions WithHeaders(Metadata? headers) => new(headers, Deadline, CancellationToken);

    public CallOptions WithDeadline(DateTime? deadline) => new(Headers, deadline, CancellationToken);

    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(Headers, Deadline, cancellationToken);
}
