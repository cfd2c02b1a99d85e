using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OperandoRig.Protocol.Grpc.Internal;

namespace OperandoRig.Protocol.Grpc.Server;

/// <summary>
/// The server side of one call on one HTTP/2 stream: deadline, cancellation, the response write lock and the status.
/// </summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    // Longest due time a System.Threading.Timer accepts; longer deadlines re-arm the timer.
    private static readonly TimeSpan MaxTimerDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly HttpContext _httpContext;
    private readonly IMethod _method;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cts;
    private readonly TaskCompletionSource _deadlineReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Metadata _responseTrailers = new();
    private Metadata? _requestHeaders;
    private ITimer? _deadlineTimer;
    private DateTime _deadline = DateTime.MaxValue;
    private TimeSpan _timeout = System.Threading.Timeout.InfiniteTimeSpan;
    private Status _status = Status.DefaultSuccess;
    private volatile bool _deadlineExceeded;
    private bool _responseCompleted;

    public HttpServerCallContext(HttpContext httpContext, IMethod method, TimeProvider timeProvider, ILogger logger)
    {
        _httpContext = httpContext;
        _method = method;
        _timeProvider = timeProvider;
        _logger = logger;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted);
    }

    /// <summary>Completes when the deadline passes; never completes for a call without a deadline.</summary>
    public Task DeadlineReached => _deadlineReached.Task;

    public bool IsDeadlineExceeded => _deadlineExceeded;

    public bool IsClientCancelled => _httpContext.RequestAborted.IsCancellationRequested;

    public TimeSpan Timeout => _timeout;

    public HttpContext HttpContext => _httpContext;

    protected override string MethodCore => _method.FullName;

    protected override string HostCore => _httpContext.Request.Host.Value ?? string.Empty;

    protected override string PeerCore
    {
        get
        {
            var connection = _httpContext.Connection;
            if (connection.RemoteIpAddress is not { } ip)
            {
                return "unknown";
            }

            return ip.AddressFamily == AddressFamily.InterNetworkV6
                ? string.Create(CultureInfo.InvariantCulture, $"ipv6:[{ip}]:{connection.RemotePort}")
                : string.Create(CultureInfo.InvariantCulture, $"ipv4:{ip}:{connection.RemotePort}");
        }
    }

    protected override DateTime DeadlineCore => _deadline;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= ReadRequestHeaders();

    protected override CancellationToken CancellationTokenCore => _cts.Token;

    protected override Metadata ResponseTrailersCore => _responseTrailers;

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>Reads <c>grpc-timeout</c> and starts the deadline timer.</summary>
    public void Initialize()
    {
        var header = _httpContext.Request.Headers[GrpcProtocolConstants.TimeoutHeader].ToString();
        if (string.IsNullOrEmpty(header))
        {
            return;
        }

        if (!GrpcTimeout.TryParse(header, out var timeout))
        {
            GrpcServerLog.InvalidTimeoutIgnored(_logger, header);
            return;
        }

        _timeout = timeout;
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        _deadline = timeout >= DateTime.MaxValue - now ? DateTime.MaxValue : now + timeout;
        if (timeout <= TimeSpan.Zero)
        {
            _deadlineReached.TrySetResult();
            return;
        }

        _deadlineTimer = _timeProvider.CreateTimer(static state => ((HttpServerCallContext)state!).OnDeadlineTimer(), this, Min(timeout, MaxTimerDueTime), System.Threading.Timeout.InfiniteTimeSpan);
    }

    /// <summary>Called by the call handler once the deadline is reached: flags it, then cancels the handler.</summary>
    public async Task CancelForDeadlineAsync()
    {
        _deadlineExceeded = true;
        await _cts.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Takes the response write lock; every message write and the final status go through it.</summary>
    public Task AcquireWriteLockAsync(CancellationToken cancellationToken) => _writeLock.WaitAsync(cancellationToken);

    public void ReleaseWriteLock() => _writeLock.Release();

    /// <summary>True once the status has been sent; no message may be written after it.</summary>
    public bool ResponseCompleted => _responseCompleted;

    /// <summary>
    /// Sends the status (and trailers) and completes the response, once. Before any message this is a
    /// trailers-only response (status in the headers); otherwise the status goes in HTTP/2 trailers.
    /// </summary>
    public async Task CompleteResponseAsync(Status status)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_responseCompleted)
            {
                return;
            }

            _responseCompleted = true;
            if (IsClientCancelled)
            {
                return;
            }

            var response = _httpContext.Response;
            var code = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
            var message = string.IsNullOrEmpty(status.Detail) ? null : GrpcPercentEncoding.Encode(status.Detail);
            if (!response.HasStarted)
            {
                response.Headers[GrpcProtocolConstants.StatusHeader] = code;
                if (message is not null)
                {
                    response.Headers[GrpcProtocolConstants.MessageHeader] = message;
                }

                foreach (var entry in _responseTrailers)
                {
                    response.Headers.Append(entry.Key, HeaderValue(entry));
                }
            }
            else
            {
                response.AppendTrailer(GrpcProtocolConstants.StatusHeader, code);
                if (message is not null)
                {
                    response.AppendTrailer(GrpcProtocolConstants.MessageHeader, message);
                }

                foreach (var entry in _responseTrailers)
                {
                    response.AppendTrailer(entry.Key, HeaderValue(entry));
                }
            }

            await response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            GrpcServerLog.ErrorSendingStatus(_logger, _method.FullName, ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _deadlineTimer?.Dispose();
        _cts.Dispose();
        _writeLock.Dispose();
    }

    internal static string HeaderValue(Metadata.Entry entry) => entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private void OnDeadlineTimer()
    {
        var remaining = _deadline - _timeProvider.GetUtcNow().UtcDateTime;
        if (remaining > TimeSpan.FromMilliseconds(1))
        {
            // A deadline beyond the timer's range (or a timer that fired early): wait again for what is left.
            try
            {
                _deadlineTimer?.Change(Min(remaining, MaxTimerDueTime), System.Threading.Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The call finished meanwhile.
            }

            return;
        }

        _deadlineReached.TrySetResult();
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (name, values) in _httpContext.Request.Headers)
        {
            if (GrpcProtocolConstants.IsReservedHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                try
                {
                    if (name.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase))
                    {
                        metadata.Add(name, DecodeBase64(value));
                    }
                    else
                    {
                        metadata.Add(name, value);
                    }
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    GrpcServerLog.InvalidRequestMetadataIgnored(_logger, name);
                }
            }
        }

        return metadata.Freeze();
    }

    /// <summary>gRPC allows unpadded base64 in -bin headers.</summary>
    internal static byte[] DecodeBase64(string value)
    {
        var padding = (4 - (value.Length % 4)) % 4;
        return Convert.FromBase64String(padding == 0 ? value : value + new string('=', padding));
    }
}
