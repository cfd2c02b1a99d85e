using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OperandoRig.Protocol.Grpc.Internal;

namespace OperandoRig.Protocol.Grpc.Server;

/// <summary>
/// Handles one method's calls on HTTP/2: checks the protocol and content-type, reads the request message, runs the
/// service method on a service instance from DI, and sends the status, mapping exceptions to statuses.
/// </summary>
internal sealed class ServerCallHandler<TService, TRequest, TResponse>
    where TService : class
    where TRequest : class
    where TResponse : class
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly Func<TService, TRequest, HttpServerCallContext, HttpResponseStreamWriter<TResponse>, Task> _invoker;
    private readonly GrpcWireOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ServerCallHandler(
        Method<TRequest, TResponse> method,
        Func<TService, TRequest, HttpServerCallContext, HttpResponseStreamWriter<TResponse>, Task> invoker,
        GrpcWireOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _method = method;
        _invoker = invoker;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            GrpcServerLog.UnsupportedRequestProtocol(_logger, request.Protocol);
            RejectWithHttpStatus(response, StatusCodes.Status426UpgradeRequired, $"Request protocol '{request.Protocol}' is not supported.");
            response.Headers.Upgrade = "h2c";
            return;
        }

        if (!GrpcProtocolConstants.IsGrpcContentType(request.ContentType))
        {
            GrpcServerLog.UnsupportedRequestContentType(_logger, request.ContentType);
            RejectWithHttpStatus(response, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return;
        }

        using var context = new HttpServerCallContext(httpContext, _method, _timeProvider, _logger);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocolConstants.ContentType;
        response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = GrpcProtocolConstants.SupportedEncodings;
        context.Initialize();

        var handlerTask = RunHandlerAsync(httpContext, context);
        var first = await Task.WhenAny(handlerTask, context.DeadlineReached).ConfigureAwait(false);
        if (first != handlerTask)
        {
            // The deadline passed first: stop the handler and answer now, as Grpc.AspNetCore does; the handler's
            // own outcome no longer matters, but the request must not end before the handler does.
            GrpcServerLog.DeadlineExceeded(_logger, context.Timeout);
            await context.CancelForDeadlineAsync().ConfigureAwait(false);
            await context.CompleteResponseAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")).ConfigureAwait(false);
            await handlerTask.ConfigureAwait(false);
            return;
        }

        var status = await handlerTask.ConfigureAwait(false);
        await context.CompleteResponseAsync(status).ConfigureAwait(false);
    }

    private static void RejectWithHttpStatus(HttpResponse response, int httpStatus, string detail)
    {
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocolConstants.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocolConstants.MessageHeader] = GrpcPercentEncoding.Encode(detail);
    }

    /// <summary>Reads the request, runs the handler and turns its outcome into a status; never throws.</summary>
    private async Task<Status> RunHandlerAsync(HttpContext httpContext, HttpServerCallContext context)
    {
        // Let the caller reach its WhenAny before the handler runs synchronously.
        await Task.Yield();
        TService? created = null;
        try
        {
            var requestMessage = await ReadRequestAsync(httpContext, context).ConfigureAwait(false);
            var services = httpContext.RequestServices;
            var service = services.GetService<TService>();
            if (service is null)
            {
                created = ActivatorUtilities.CreateInstance<TService>(services);
                service = created;
            }

            var writer = new HttpResponseStreamWriter<TResponse>(context, _method.ResponseMarshaller, _options.MaxSendMessageSize);
            await _invoker(service, requestMessage, context, writer).ConfigureAwait(false);
            return context.Status;
        }
        catch (RpcException ex)
        {
            GrpcServerLog.RpcConnectionError(_logger, ex.StatusCode, ex.Status.Detail);
            foreach (var entry in ex.Trailers)
            {
                context.ResponseTrailers.Add(entry);
            }

            return ex.Status;
        }
        catch (Exception ex) when (context.IsClientCancelled)
        {
            GrpcServerLog.ServiceMethodCanceled(_logger, _method.FullName, ex);
            return new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }
        catch (Exception ex) when (context.IsDeadlineExceeded)
        {
            GrpcServerLog.DeadlineStopped(_logger, _method.FullName, ex);
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        catch (ArgumentException ex)
        {
            GrpcServerLog.InvalidArgument(_logger, _method.FullName, ex.Message);
            return new Status(StatusCode.InvalidArgument, ex.Message);
        }
#pragma warning disable CA1031 // Every other failure of a handler becomes UNKNOWN; the details stay in the log.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            GrpcServerLog.ErrorExecutingServiceMethod(_logger, _method.FullName, ex);
            var detail = _options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
                : "Exception was thrown by handler.";
            return new Status(StatusCode.Unknown, detail);
        }
        finally
        {
            if (created is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else if (created is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    private async Task<TRequest> ReadRequestAsync(HttpContext httpContext, HttpServerCallContext context)
    {
        var encoding = httpContext.Request.Headers[GrpcProtocolConstants.EncodingHeader].ToString();
        var encodingOrNull = string.IsNullOrEmpty(encoding) ? null : encoding;
        var bodyReader = httpContext.Request.BodyReader;
        var maxSize = _options.MaxReceiveMessageSize;
        var payload = await GrpcFraming.ReadMessageAsync(bodyReader, maxSize, encodingOrNull, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "Request did not include a message."));
        var extra = await GrpcFraming.ReadMessageAsync(bodyReader, maxSize, encodingOrNull, context.CancellationToken).ConfigureAwait(false);
        if (extra is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Additional message received for {_method.Type} method '{_method.FullName}', which takes one request."));
        }

        try
        {
            return _method.RequestMarshaller.Deserializer(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize request message.", ex));
        }
    }
}
