using System.Globalization;
using System.IO.Compression;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OperandoRig.Daemon.Data.Influx;

/// <summary>
/// Posts line-protocol batches to one InfluxDB write endpoint through a Polly.Core pipeline, all waits on the
/// injected <see cref="TimeProvider"/>:
/// retry (outermost; unbounded, so a batch is never given up while the cause may pass) → circuit breaker →
/// per-attempt timeout → HTTP POST (gzip body).
/// </summary>
/// <remarks>
/// <para><b>Retried:</b> 429, 5xx, network errors, attempt timeouts, and an open circuit. <b>Delay</b> of retry n
/// (0-based): the server's <c>Retry-After</c> when present (capped at <see cref="InfluxOptions.MaxRetryAfter"/>);
/// while the circuit is open, the rest of the break; otherwise exponential back-off with jitter, uniform in
/// [d/2, d] with d = min(<see cref="InfluxOptions.RetryDelay"/>·2ⁿ, <see cref="InfluxOptions.MaxRetryDelay"/>).</para>
/// <para><b>Not retried:</b> other 4xx (400 bad line protocol, 401/403, 404, 413, 422): an
/// <see cref="InfluxWriteException"/> carries the status and the server's message. An InfluxDB 1.x
/// <c>400 partial write</c> is a success with dropped points (<see cref="InfluxWriteResult.DroppedByServer"/>).</para>
/// <para><b>Circuit breaker:</b> opens when <see cref="InfluxOptions.BreakerFailures"/> attempts in a row (within
/// <see cref="InfluxOptions.BreakerSamplingDuration"/>) failed retryably; stays open
/// <see cref="InfluxOptions.BreakDuration"/>, then lets one trial through.</para>
/// </remarks>
public sealed partial class InfluxHttpWriter
{
    private const int MaxServerMessageChars = 2000;
    private readonly HttpClient _http;
    private readonly InfluxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _random;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private long _attempts;
    private long _retries;
    private string? _lastError;
    private bool _circuitReportedOpen;

    /// <summary>Creates a writer.</summary>
    /// <param name="options">Validated options.</param>
    /// <param name="http">The client (its own timeout should be infinite: the pipeline times attempts out on <paramref name="time"/>).</param>
    /// <param name="time">Clock of every wait: back-off, Retry-After, break duration, attempt timeout.</param>
    /// <param name="logger">Log.</param>
    /// <param name="random">Jitter source in [0, 1) (tests pass a fixed one); <see cref="Random.Shared"/> by default.</param>
    public InfluxHttpWriter(InfluxOptions options, HttpClient http, TimeProvider time, ILogger logger, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _http = http;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared.NextDouble;
        Endpoint = new InfluxWriteEndpoint(options);
        _pipeline = BuildPipeline();
    }

    /// <summary>Where batches go.</summary>
    public InfluxWriteEndpoint Endpoint { get; }

    /// <summary>State of the circuit breaker: Closed (normal), Open (refusing attempts), HalfOpen (one trial).</summary>
    public CircuitState CircuitState => _circuit.CircuitState;

    /// <summary>HTTP attempts made so far.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Retries so far (attempts after a failed one).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>The last failure's description (server message included), or null when the last write succeeded.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Gzip-compresses (fastest level) a line-protocol body.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> body)
    {
        using var buffer = new MemoryStream(Math.Max(256, body.Length / 4));
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Posts one batch (UTF-8 line protocol, uncompressed), retrying as described on the class until the server
    /// accepts it, rejects it for good, or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="InfluxWriteException">The server rejected the batch with a non-retryable status.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> lineProtocol, CancellationToken cancellationToken) =>
        WriteBodyAsync(EncodeBody(lineProtocol.Span), cancellationToken);

    /// <summary>The request body for <paramref name="lineProtocol"/>: gzip-compressed when <see cref="InfluxOptions.Gzip"/>, else a copy.</summary>
    public byte[] EncodeBody(ReadOnlySpan<byte> lineProtocol) => Endpoint.Gzip ? Compress(lineProtocol) : lineProtocol.ToArray();

    /// <summary>Like <see cref="WriteAsync"/> for a body already made by <see cref="EncodeBody"/> (so it can be prepared ahead).</summary>
    /// <exception cref="InfluxWriteException">The server rejected the batch with a non-retryable status.</exception>
    public async Task<InfluxWriteResult> WriteBodyAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var attempts = 0;
        // Polly resumes on the caller's context (as this method does): on a simulation loop, back-offs end and the
        // next attempt starts at the exact virtual instant, not on a pool thread the loop may not wait for.
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, cancellationToken);
        try
        {
            var result = await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    Interlocked.Increment(ref _attempts);
                    return await SendOnceAsync(body, attempts, ctx.CancellationToken);
                },
                context);
            Volatile.Write(ref _lastError, null);
            if (_circuitReportedOpen)
            {
                _circuitReportedOpen = false;
                LogCircuitClosed(_logger);
            }

            return result;
        }
        catch (InfluxWriteException e)
        {
            Volatile.Write(ref _lastError, e.Message);
            LogRejected(_logger, e.Message);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<InfluxWriteResult> SendOnceAsync(ReadOnlyMemory<byte> body, int attempt, CancellationToken cancellationToken)
    {
        using var request = Endpoint.CreateRequest(body);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new InfluxWriteResult(attempt, 0, "");
        }

        var message = await ReadMessageAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest && message.Contains("partial write", StringComparison.OrdinalIgnoreCase))
        {
            var dropped = ParseDropped(message);
            LogPartialWrite(_logger, dropped, message);
            return new InfluxWriteResult(attempt, dropped, message);
        }

        throw new InfluxWriteException(response.StatusCode, message, GetRetryAfter(response), Endpoint.WriteUri);
    }

    private ResiliencePipeline BuildPipeline()
    {
        var retryable = new PredicateBuilder()
            .Handle<InfluxWriteException>(e => e.IsRetryable)
            .Handle<HttpRequestException>(e => e is not InfluxWriteException)
            .Handle<TimeoutRejectedException>();
        return new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<InfluxWriteException>(e => e.IsRetryable)
                    .Handle<HttpRequestException>(e => e is not InfluxWriteException)
                    .Handle<TimeoutRejectedException>()
                    .Handle<BrokenCircuitException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = _options.RetryDelay,
                UseJitter = false,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay(args.AttemptNumber, args.Outcome.Exception)),
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    LogCircuitTransition(args.Outcome.Exception);
                    var reason = Describe(args.Outcome.Exception);
                    Volatile.Write(ref _lastError, reason);
                    LogRetry(_logger, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, reason);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = retryable,
                FailureRatio = 1.0,
                MinimumThroughput = _options.BreakerFailures,
                SamplingDuration = _options.BreakerSamplingDuration,
                BreakDuration = _options.BreakDuration,
                StateProvider = _circuit,
                // No OnOpened/OnClosed callbacks: Polly runs those on a background task, a thread hop that would make
                // simulated-clock runs nondeterministic. Transitions are logged from the retry callback instead.
            })
            .AddTimeout(_options.RequestTimeout)
            .Build();
    }

    private void LogCircuitTransition(Exception? failure)
    {
        var open = _circuit.CircuitState is CircuitState.Open or CircuitState.Isolated;
        if (open && !_circuitReportedOpen)
        {
            LogCircuitOpened(_logger, _options.BreakDuration.TotalSeconds, Describe(failure));
        }

        _circuitReportedOpen = open;
    }

    /// <summary>Delay before retry <paramref name="retry"/> (0-based) after <paramref name="failure"/>.</summary>
    internal TimeSpan RetryDelay(int retry, Exception? failure)
    {
        switch (failure)
        {
            case InfluxWriteException { RetryAfter: { } serverSays }:
                return serverSays < TimeSpan.Zero ? TimeSpan.Zero : serverSays > _options.MaxRetryAfter ? _options.MaxRetryAfter : serverSays;
            case BrokenCircuitException { RetryAfter: { } rest }:
                return rest < TimeSpan.Zero ? TimeSpan.Zero : rest;
            default:
                var exponent = Math.Min(retry, 40);
                var ceiling = Math.Min(_options.RetryDelay.TotalMilliseconds * Math.Pow(2, exponent), _options.MaxRetryDelay.TotalMilliseconds);
                return TimeSpan.FromTicks((long)Math.Round(ceiling * (0.5 + (0.5 * _random())) * TimeSpan.TicksPerMillisecond));
        }
    }

    private TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            return date - _time.GetUtcNow();
        }

        // InfluxDB 2.x documents Retry-After as integer seconds; accept a fractional value too.
        if (response.Headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private static async Task<string> ReadMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        return text.Length > MaxServerMessageChars ? text[..MaxServerMessageChars] + "…" : text;
    }

    private static long ParseDropped(string message)
    {
        var at = message.LastIndexOf("dropped=", StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var digits = message.AsSpan(at + "dropped=".Length);
        var n = 0;
        while (n < digits.Length && char.IsAsciiDigit(digits[n]))
        {
            n++;
        }

        return long.TryParse(digits[..n], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0;
    }

    private static string Describe(Exception? e) => e switch
    {
        null => "unknown",
        InfluxWriteException w => w.Message,
        TimeoutRejectedException t => "attempt timed out after " + t.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s",
        BrokenCircuitException => "circuit open (InfluxDB failing); waiting for the break to end",
        _ => e.GetType().Name + ": " + e.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB write failed, retry {Retry} in {DelayS:0.###} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, int retry, double delayS, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB rejected a batch (not retried until the cause is fixed): {Message}")]
    private static partial void LogRejected(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB partial write: {Dropped} point(s) dropped by the server (kept in SQLite): {Message}")]
    private static partial void LogPartialWrite(ILogger logger, long dropped, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB circuit opened for {BreakS:0.###} s after repeated failures: {Reason}")]
    private static partial void LogCircuitOpened(ILogger logger, double breakS, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB circuit closed: writes succeed again")]
    private static partial void LogCircuitClosed(ILogger logger);
}
