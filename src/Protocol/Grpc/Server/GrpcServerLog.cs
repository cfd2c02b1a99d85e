using Microsoft.Extensions.Logging;

namespace OperandoRig.Protocol.Grpc.Server;

/// <summary>Server log events; the event ids are stable.</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 1, EventName = "UnsupportedRequestProtocol", Level = LogLevel.Debug, Message = "Request protocol '{Protocol}' is not supported; gRPC needs HTTP/2.")]
    public static partial void UnsupportedRequestProtocol(ILogger logger, string protocol);

    [LoggerMessage(EventId = 2, EventName = "UnsupportedRequestContentType", Level = LogLevel.Debug, Message = "Request content-type of '{ContentType}' is not supported.")]
    public static partial void UnsupportedRequestContentType(ILogger logger, string? contentType);

    [LoggerMessage(EventId = 3, EventName = "InvalidTimeoutIgnored", Level = LogLevel.Debug, Message = "Invalid grpc-timeout value '{Timeout}' has been ignored.")]
    public static partial void InvalidTimeoutIgnored(ILogger logger, string timeout);

    [LoggerMessage(EventId = 4, EventName = "DeadlineExceeded", Level = LogLevel.Debug, Message = "Request with timeout of {Timeout} has exceeded its deadline.")]
    public static partial void DeadlineExceeded(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 5, EventName = "ErrorExecutingServiceMethod", Level = LogLevel.Error, Message = "Error when executing service method '{ServiceMethod}'.")]
    public static partial void ErrorExecutingServiceMethod(ILogger logger, string serviceMethod, Exception exception);

    [LoggerMessage(EventId = 6, EventName = "RpcConnectionError", Level = LogLevel.Information, Message = "Error status code '{StatusCode}' with detail '{Detail}' raised.")]
    public static partial void RpcConnectionError(ILogger logger, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 7, EventName = "ServiceMethodCanceled", Level = LogLevel.Information, Message = "Service method '{ServiceMethod}' canceled.")]
    public static partial void ServiceMethodCanceled(ILogger logger, string serviceMethod, Exception exception);

    [LoggerMessage(EventId = 8, EventName = "DeadlineStopped", Level = LogLevel.Debug, Message = "Service method '{ServiceMethod}' stopped after its deadline.")]
    public static partial void DeadlineStopped(ILogger logger, string serviceMethod, Exception exception);

    [LoggerMessage(EventId = 9, EventName = "InvalidArgument", Level = LogLevel.Information, Message = "Service method '{ServiceMethod}' rejected its arguments: {Detail}")]
    public static partial void InvalidArgument(ILogger logger, string serviceMethod, string detail);

    [LoggerMessage(EventId = 10, EventName = "ErrorSendingStatus", Level = LogLevel.Debug, Message = "Error sending the status of '{ServiceMethod}' (the client may have gone).")]
    public static partial void ErrorSendingStatus(ILogger logger, string serviceMethod, Exception exception);

    [LoggerMessage(EventId = 11, EventName = "InvalidRequestMetadataIgnored", Level = LogLevel.Debug, Message = "Request header '{Header}' is not valid gRPC metadata and has been ignored.")]
    public static partial void InvalidRequestMetadataIgnored(ILogger logger, string header);
}
