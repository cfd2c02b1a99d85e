namespace OperandoRig.Protocol.Grpc;

/// <summary>A server-streaming call in progress: read <see cref="ResponseStream"/>; dispose to cancel.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    {
        ResponseStream = responseStream ?? throw new ArgumentNullException(nameof(responseStream));
        ResponseHeadersAsync = responseHeadersAsync ?? throw new ArgumentNullException(nameof(responseHeadersAsync));
        _getStatus = getStatusFunc ?? throw new ArgumentNullException(nameof(getStatusFunc));
        _getTrailers = getTrailersFunc ?? throw new ArgumentNullException(nameof(getTrailersFunc));
        _dispose = disposeAction ?? throw new ArgumentNullException(nameof(disposeAction));
    }

    /// <summary>The responses; <c>MoveNext</c> throws <see cref="RpcException"/> when the call ends with an error status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The status; only once the stream has been read to its end or has failed.</summary>
    public Status GetStatus() => _getStatus();

    /// <summary>The trailers; only once the stream has been read to its end or has failed.</summary>
    public Metadata GetTrailers() => _getTrailers();

    /// <summary>Cancels the call if it is still running (the server sees RST_STREAM) and frees its resources.</summary>
    public void Dispose() => _dispose();
}
