namespace OperandoRig.Protocol.Grpc.Client;

/// <summary>Starts calls on a <see cref="GrpcChannel"/>.</summary>
internal sealed class HttpClientCallInvoker : CallInvoker
{
    private readonly GrpcChannel _channel;

    public HttpClientCallInvoker(GrpcChannel channel)
    {
        _channel = channel;
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        using var call = AsyncUnaryCall(method, host, options, request);
        return call.ResponseAsync.GetAwaiter().GetResult();
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = StartCall(method, options, request);
        return new AsyncUnaryCall<TResponse>(call.GetResponseAsync(), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = StartCall(method, options, request);
        return new AsyncServerStreamingCall<TResponse>(new ResponseStreamReader<TRequest, TResponse>(call), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private GrpcCall<TRequest, TResponse> StartCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options, TRequest request)
        where TRequest : class
        where TResponse : class
    {
        ObjectDisposedException.ThrowIf(_channel.IsDisposed, _channel);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        var call = new GrpcCall<TRequest, TResponse>(_channel, method, options);
        call.Start(request);
        return call;
    }

    private sealed class ResponseStreamReader<TRequest, TResponse> : IAsyncStreamReader<TResponse>
        where TRequest : class
        where TResponse : class
    {
        private readonly GrpcCall<TRequest, TResponse> _call;
        private TResponse? _current;

        public ResponseStreamReader(GrpcCall<TRequest, TResponse> call)
        {
            _call = call;
        }

        public TResponse Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first (and check it returned true).");

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var message = await _call.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            _current = message;
            return message is not null;
        }
    }
}
