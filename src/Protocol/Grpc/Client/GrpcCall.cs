using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using OperandoRig.Protocol.Grpc.Internal;

namespace OperandoRig.Protocol.Grpc.Client;

/// <summary>
/// One client call on one HTTP/2 stream: sends the request message, reads length-prefixed responses and takes the
/// status from the trailers, or from the headers of a trailers-only response. Cancelling (token, deadline,
/// dispose) cancels the HTTP request, which resets the stream (RST_STREAM) so the server stops.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IDisposable
    where TRequest : class
    where TResponse : class
{
    private static readonly TimeSpan MaxTimerDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _statusLock = new();
    private CancellationTokenRegistration _callerRegistration;
    private ITimer? _deadlineTimer;
    private DateTime _deadlineUtc = DateTime.MaxValue;
    private Task _startTask = Task.CompletedTask;
    private HttpRequestMessage? _httpRequest;
    private HttpResponseMessage? _httpResponse;
    private PipeReader? _reader;
    private string? _responseEncoding;
    private Status? _status;
    private Metadata _trailers = Metadata.Empty;
    private volatile bool _deadlineExceeded;
    private volatile bool _cancelledByCaller;
    private volatile bool _disposed;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public void Start(TRequest request)
    {
        if (_options.CancellationToken.CanBeCanceled)
        {
            _callerRegistration = _options.CancellationToken.Register(static s => ((GrpcCall<TRequest, TResponse>)s!).CancelByCaller(), this);
        }

        _startTask = StartAsync(request);
    }

    public Status GetStatus()
    {
        lock (_statusLock)
        {
            return _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");
        }
    }

    public Metadata GetTrailers()
    {
        lock (_statusLock)
        {
            return _status is null
                ? throw new InvalidOperationException("Can't get the call trailers because the call has not completed successfully.")
                : _trailers;
        }
    }

    /// <summary>The single response of a unary call.</summary>
    public async Task<TResponse> GetResponseAsync()
    {
        var response = await ReadNextAsync(CancellationToken.None).ConfigureAwait(false);
        if (response is null)
        {
            throw Fail(new Status(StatusCode.Internal, "Failed to deserialize response message: the call ended with OK but without a message."), cancelTransport: false);
        }

        var extra = await ReadNextAsync(CancellationToken.None).ConfigureAwait(false);
        if (extra is not null)
        {
            throw Fail(new Status(StatusCode.Internal, "More than one response message for a unary call."), cancelTransport: true);
        }

        return response;
    }

    /// <summary>The next response message, or null after the last one (status OK). Cancelling the token cancels the call.</summary>
    public async Task<TResponse?> ReadNextAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((GrpcCall<TRequest, TResponse>)s!).CancelByCaller(), this)
            : default;

        await _startTask.ConfigureAwait(false);
        lock (_statusLock)
        {
            if (_status is { } finished)
            {
                return finished.StatusCode == StatusCode.OK ? null : throw new RpcException(finished, _trailers);
            }
        }

        byte[]? payload;
        try
        {
            payload = await GrpcFraming.ReadMessageAsync(_reader!, _channel.MaxReceiveMessageSize, _responseEncoding, _cts.Token).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw Fail(ex.Status, cancelTransport: true);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            throw Fail(ResolveFailure(ex, "Error reading next message"), cancelTransport: true);
        }

        if (payload is null)
        {
            var (status, trailers) = ReadTrailers(_httpResponse!);
            Finish(status, trailers);
            return status.StatusCode == StatusCode.OK ? null : throw new RpcException(status, trailers);
        }

        try
        {
            return _method.ResponseMarshaller.Deserializer(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw Fail(new Status(StatusCode.Internal, "Failed to deserialize response message.", ex), cancelTransport: true);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        bool running;
        lock (_statusLock)
        {
            running = _status is null;
        }

        if (running)
        {
            Finish(new Status(StatusCode.Cancelled, "gRPC call disposed."), Metadata.Empty);
            TryCancel();
        }

        _disposed = true;
        _deadlineTimer?.Dispose();
        _callerRegistration.Dispose();
        _httpResponse?.Dispose();
        _httpRequest?.Dispose();
        _cts.Dispose();
    }

    private static Status? TryGetStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcProtocolConstants.StatusHeader, out var codes))
        {
            return null;
        }

        var codeText = codes.FirstOrDefault();
        if (!int.TryParse(codeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unexpected grpc-status value '{codeText}'.");
        }

        var message = headers.TryGetValues(GrpcProtocolConstants.MessageHeader, out var messages)
            ? GrpcPercentEncoding.Decode(messages.FirstOrDefault() ?? string.Empty)
            : string.Empty;
        return new Status((StatusCode)code, message);
    }

    private static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (GrpcProtocolConstants.IsReservedHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                try
                {
                    if (name.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase))
                    {
                        metadata.Add(name, Server.HttpServerCallContext.DecodeBase64(value));
                    }
                    else
                    {
                        metadata.Add(name, value);
                    }
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    // Not valid gRPC metadata (e.g. a proxy's header): not exposed.
                }
            }
        }

        return metadata.Freeze();
    }

    /// <summary>The gRPC status for an HTTP status without grpc-status, per the spec's HTTP to gRPC mapping.</summary>
    private static StatusCode MapHttpStatus(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static (Status Status, Metadata Trailers) ReadTrailers(HttpResponseMessage response)
    {
        var status = TryGetStatus(response.TrailingHeaders) ?? new Status(StatusCode.Internal, "No grpc-status found on response.");
        return (status, ToMetadata(response.TrailingHeaders));
    }

    private async Task StartAsync(TRequest request)
    {
        // Run the caller's code (building the call object) before any network work.
        await Task.Yield();
        try
        {
            var payload = _method.RequestMarshaller.Serializer(request);
            if (_channel.MaxSendMessageSize is { } max && payload.Length > max)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
            }

            _httpRequest = CreateRequest(payload, StartDeadline());
            var response = await _channel.HttpClient.SendAsync(_httpRequest, HttpCompletionOption.ResponseHeadersRead, _cts.Token).ConfigureAwait(false);
            Volatile.Write(ref _httpResponse, response);

            // Cancelled while the headers were arriving: the cancel may have missed this response.
            _cts.Token.ThrowIfCancellationRequested();
            var headerStatus = TryGetStatus(response.Headers);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new RpcException(headerStatus ?? new Status(MapHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"));
            }

            var contentType = response.Content.Headers.ContentType?.ToString();
            if (!GrpcProtocolConstants.IsGrpcContentType(contentType))
            {
                throw new RpcException(headerStatus ?? new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}"));
            }

            var headers = ToMetadata(response.Headers);
            _headers.TrySetResult(headers);
            if (headerStatus is { } trailersOnly)
            {
                // A trailers-only response (the status is in the headers, there is no body).
                Finish(trailersOnly, headers);
                return;
            }

            _responseEncoding = response.Headers.TryGetValues(GrpcProtocolConstants.EncodingHeader, out var encodings) ? encodings.FirstOrDefault() : null;
            var stream = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
            _reader = PipeReader.Create(stream);
        }
        catch (RpcException ex)
        {
            throw Fail(ex.Status, cancelTransport: true);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            throw Fail(ResolveFailure(ex, "Error starting gRPC call"), cancelTransport: true);
        }
    }

    /// <summary>Works out the timeout to send and starts the local deadline timer; a deadline already past fails the call.</summary>
    private TimeSpan? StartDeadline()
    {
        if (_options.Deadline is not { } deadline || deadline == DateTime.MaxValue)
        {
            return null;
        }

        _deadlineUtc = deadline.Kind == DateTimeKind.Local ? deadline.ToUniversalTime() : deadline;
        var remaining = _deadlineUtc - _channel.TimeProvider.GetUtcNow().UtcDateTime;
        if (remaining <= TimeSpan.Zero)
        {
            _deadlineExceeded = true;
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        }

        _deadlineTimer = _channel.TimeProvider.CreateTimer(static s => ((GrpcCall<TRequest, TResponse>)s!).OnDeadlineTimer(), this, Min(remaining, MaxTimerDueTime), Timeout.InfiniteTimeSpan);
        return remaining;
    }

    private HttpRequestMessage CreateRequest(byte[] payload, TimeSpan? timeout)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFraming.Frame(payload)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocolConstants.ContentType);
        message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue(GrpcProtocolConstants.TeTrailers));
        message.Headers.TryAddWithoutValidation("user-agent", "operandorig-grpc-dotnet/1.0");
        message.Headers.TryAddWithoutValidation(GrpcProtocolConstants.AcceptEncodingHeader, GrpcProtocolConstants.SupportedEncodings);
        if (timeout is { } t)
        {
            message.Headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Format(t));
        }

        if (_options.Headers is { } headers)
        {
            foreach (var entry in headers)
            {
                if (!GrpcProtocolConstants.IsReservedHeader(entry.Key))
                {
                    message.Headers.TryAddWithoutValidation(entry.Key, Server.HttpServerCallContext.HeaderValue(entry));
                }
            }
        }

        return message;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private Status ResolveFailure(Exception ex, string what)
    {
        if (_deadlineExceeded)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded", ex);
        }

        if (_cancelledByCaller || _options.CancellationToken.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.", ex);
        }

        if (_disposed)
        {
            return new Status(StatusCode.Cancelled, "gRPC call disposed.", ex);
        }

        return new Status(StatusCode.Unavailable, $"{what}. {ex.GetType().Name}: {ex.Message}", ex);
    }

    /// <summary>Records a failure status (unless the call already has one) and returns the exception to throw.</summary>
    private RpcException Fail(Status status, bool cancelTransport)
    {
        Finish(status, Metadata.Empty);
        _headers.TrySetException(new RpcException(status));
        _headers.Task.Exception?.Handle(static _ => true);
        if (cancelTransport)
        {
            TryCancel();
        }

        lock (_statusLock)
        {
            return new RpcException(_status!.Value, _trailers);
        }
    }

    private void Finish(Status status, Metadata trailers)
    {
        lock (_statusLock)
        {
            if (_status is not null)
            {
                return;
            }

            _status = status;
            _trailers = trailers;
        }

        _deadlineTimer?.Dispose();
    }

    private void CancelByCaller()
    {
        _cancelledByCaller = true;
        TryCancel();
    }

    private void OnDeadlineTimer()
    {
        var remaining = _deadlineUtc - _channel.TimeProvider.GetUtcNow().UtcDateTime;
        if (remaining > TimeSpan.FromMilliseconds(1))
        {
            try
            {
                _deadlineTimer?.Change(Min(remaining, MaxTimerDueTime), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The call finished meanwhile.
            }

            return;
        }

        _deadlineExceeded = true;
        TryCancel();
    }

    private void TryCancel()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            _cts.Cancel();

            // A cancelled token only stops a pending read; disposing the response is what resets the HTTP/2
            // stream (RST_STREAM), so the server's handler sees its token fire even if nothing is being read.
            Volatile.Read(ref _httpResponse)?.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: nothing left to cancel.
        }
        catch (AggregateException)
        {
            // A transport callback failed while cancelling; the call is cancelled regardless.
        }
    }
}
