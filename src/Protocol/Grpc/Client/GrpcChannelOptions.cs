namespace OperandoRig.Protocol.Grpc.Client;

/// <summary>Options of a <see cref="GrpcChannel"/> (names as in Grpc.Net.Client).</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted, in bytes (after decompression); null = no limit. Default 4 MiB.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent, in bytes; null = no limit (the default).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>The handler to send requests with; null = a <see cref="SocketsHttpHandler"/> owned by the channel.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The client to send requests with (takes precedence over <see cref="HttpHandler"/>); its Timeout should be infinite.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpClient"/> / <see cref="HttpHandler"/> given here.</summary>
    public bool DisposeHttpClient { get; set; }

    /// <summary>The clock deadlines are measured on. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
