using System.Runtime.CompilerServices;

namespace OperandoRig.Protocol.Grpc;

/// <summary>A unary call in progress; await it (or <see cref="ResponseAsync"/>) for the response.</summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    public AsyncUnaryCall(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    {
        ResponseAsync = responseAsync ?? throw new ArgumentNullException(nameof(responseAsync));
        ResponseHeadersAsync = responseHeadersAsync ?? throw new ArgumentNullException(nameof(responseHeadersAsync));
        _getStatus = getStatusFunc ?? throw new ArgumentNullException(nameof(getStatusFunc));
        _getTrailers = getTrailersFunc ?? throw new ArgumentNullException(nameof(getTrailersFunc));
        _dispose = disposeAction ?? throw new ArgumentNullException(nameof(disposeAction));
    }

    /// <summary>The response; faults with <see cref="RpcException"/> when the call ends with an error status.</summary>
    public Task<TResponse> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public ConfiguredTaskAwaitable<TResponse> ConfigureAwait(bool continueOnCapturedContext) => ResponseAsync.ConfigureAwait(continueOnCapturedContext);

    /// <summary>The status; only once the call has finished.</summary>
    public Status GetStatus() => _getStatus();

    /// <summary>The trailers; only once the call has finished.</summary>
    public Metadata GetTrailers() => _getTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => _dispose();
}
