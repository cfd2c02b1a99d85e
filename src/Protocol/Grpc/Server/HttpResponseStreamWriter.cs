using OperandoRig.Protocol.Grpc.Internal;

namespace OperandoRig.Protocol.Grpc.Server;

/// <summary>
/// Writes length-prefixed messages to the HTTP/2 response. Writes are serialised through the call's write lock,
/// so concurrent callers queue instead of interleaving bytes, and nothing is written after the status.
/// </summary>
internal sealed class HttpResponseStreamWriter<TResponse> : IServerStreamWriter<TResponse>
{
    private readonly HttpServerCallContext _context;
    private readonly Marshaller<TResponse> _marshaller;
    private readonly int? _maxSendMessageSize;

    public HttpResponseStreamWriter(HttpServerCallContext context, Marshaller<TResponse> marshaller, int? maxSendMessageSize)
    {
        _context = context;
        _marshaller = marshaller;
        _maxSendMessageSize = maxSendMessageSize;
    }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TResponse message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = _marshaller.Serializer(message);
        if (_maxSendMessageSize is { } max && payload.Length > max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
        }

        var callToken = _context.CancellationToken;
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != callToken
            ? CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken)
            : null;
        var token = linked?.Token ?? callToken;

        await _context.AcquireWriteLockAsync(token).ConfigureAwait(false);
        try
        {
            if (_context.ResponseCompleted)
            {
                throw new InvalidOperationException("Can't write the message because the call is complete.");
            }

            token.ThrowIfCancellationRequested();
            var bodyWriter = _context.HttpContext.Response.BodyWriter;
            GrpcFraming.WriteMessage(bodyWriter, payload);
            var flush = await bodyWriter.FlushAsync(token).ConfigureAwait(false);
            if (flush.IsCanceled)
            {
                throw new OperationCanceledException("Writing the message was cancelled.", token);
            }
        }
        finally
        {
            _context.ReleaseWriteLock();
        }
    }
}
