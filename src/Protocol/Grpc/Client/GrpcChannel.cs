using System.Net;

namespace OperandoRig.Protocol.Grpc.Client;

/// <summary>
/// A gRPC channel over <see cref="System.Net.Http.HttpClient"/>: HTTP/2 with prior knowledge for <c>http://</c>
/// addresses (no TLS, no upgrade), HTTP/2 over TLS (ALPN) for <c>https://</c>.
/// </summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly bool _disposeHttpClient;
    private bool _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.Authority)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must use http:// or https://.", nameof(address));
        }

        if (options.MaxReceiveMessageSize is <= 0)
        {
            throw new ArgumentException($"GrpcChannelOptions.MaxReceiveMessageSize: {options.MaxReceiveMessageSize} must be positive (or null for no limit).", nameof(options));
        }

        if (options.MaxSendMessageSize is <= 0)
        {
            throw new ArgumentException($"GrpcChannelOptions.MaxSendMessageSize: {options.MaxSendMessageSize} must be positive (or null for no limit).", nameof(options));
        }

        Address = address;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        if (options.HttpClient is { } httpClient)
        {
            HttpClient = httpClient;
            _disposeHttpClient = options.DisposeHttpClient;
        }
        else if (options.HttpHandler is { } handler)
        {
            HttpClient = new HttpClient(handler, options.DisposeHttpClient) { Timeout = Timeout.InfiniteTimeSpan };
            _disposeHttpClient = true;
        }
        else
        {
            var socketsHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                AutomaticDecompression = DecompressionMethods.None,
                UseProxy = false,
            };
            HttpClient = new HttpClient(socketsHandler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            _disposeHttpClient = true;
        }
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    internal HttpClient HttpClient { get; }

    internal int? MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    internal TimeProvider TimeProvider { get; }

    internal bool IsDisposed => _disposed;

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? channelOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return ForAddress(new Uri(address, UriKind.Absolute), channelOptions);
    }

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? channelOptions = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcChannel(address, channelOptions ?? new GrpcChannelOptions());
    }

    public override CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new HttpClientCallInvoker(this);
    }

    /// <summary>The URI of a method: the address's path (if any) followed by <c>/{service}/{method}</c>.</summary>
    internal Uri GetMethodUri(IMethod method) => new(Address.GetLeftPart(UriPartial.Path).TrimEnd('/') + method.FullName, UriKind.Absolute);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_disposeHttpClient)
        {
            HttpClient.Dispose();
        }
    }
}
