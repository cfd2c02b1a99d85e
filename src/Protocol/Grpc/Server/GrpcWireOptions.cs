namespace OperandoRig.Protocol.Grpc.Server;

/// <summary>Options of the gRPC server endpoints (names as in Grpc.AspNetCore's GrpcServiceOptions).</summary>
public sealed class GrpcWireOptions
{
    /// <summary>Largest request message accepted, in bytes (after decompression); null = no limit. Default 4 MiB.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes; null = no limit (the default, as in Grpc.AspNetCore).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// The clock <c>grpc-timeout</c> deadlines are measured on; null = the <see cref="System.TimeProvider"/> registered in
    /// DI. A client's timeout is a real-time budget, so a host whose DI clock is simulated (scaled, virtual) sets
    /// this to <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>When true, UNKNOWN statuses from unhandled exceptions carry the exception's type and message.</summary>
    public bool EnableDetailedErrors { get; set; }

    internal void Validate()
    {
        if (MaxReceiveMessageSize is <= 0)
        {
            throw new InvalidOperationException($"GrpcWireOptions.MaxReceiveMessageSize: {MaxReceiveMessageSize} must be positive (or null for no limit).");
        }

        if (MaxSendMessageSize is <= 0)
        {
            throw new InvalidOperationException($"GrpcWireOptions.MaxSendMessageSize: {MaxSendMessageSize} must be positive (or null for no limit).");
        }
    }
}
