using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Api;

/// <summary>
/// The Diagnostics gRPC service: checks the wire layer (round trip, long streams, errors, deadlines, cancellation)
/// without touching hardware. Every wait is on the injected clock.
/// </summary>
internal sealed class DiagnosticsService : Diagnostics.DiagnosticsBase
{
    private const double MaxDurationS = 86_400;

    private readonly TimeProvider _timeProvider;
    private readonly DiagnosticsStats _stats;

    public DiagnosticsService(TimeProvider timeProvider, DiagnosticsStats stats)
    {
        _timeProvider = timeProvider;
        _stats = stats;
    }

    public override Task<PingReply> Ping(PingRequest request, ServerCallContext context) =>
        Task.FromResult(new PingReply { Payload = request.Payload, ServerTimeUnixS = NowUnixS() });

    public override async Task Count(CountRequest request, IServerStreamWriter<Tick> responseStream, ServerCallContext context)
    {
        if (request.Count < 0)
        {
            throw new ArgumentException($"count: {request.Count} must be 0 (until cancelled) or more.");
        }

        var interval = CheckDuration("interval_s", request.IntervalS);
        var cancellationToken = context.CancellationToken;
        var counters = _stats.StreamStarted(request.Tag);
        try
        {
            for (long index = 0; request.Count == 0 || index < request.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await responseStream.WriteAsync(new Tick { Index = index, ServerTimeUnixS = NowUnixS() }, cancellationToken).ConfigureAwait(false);
                counters.TickProduced();
                if (interval > TimeSpan.Zero)
                {
                    await Task.Delay(interval, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            counters.StreamCancelled();
            throw;
        }
        finally
        {
            counters.StreamEnded();
        }
    }

    public override async Task<PingReply> Sleep(SleepRequest request, ServerCallContext context)
    {
        var duration = CheckDuration("duration_s", request.DurationS);
        await Task.Delay(duration, _timeProvider, context.CancellationToken).ConfigureAwait(false);
        return new PingReply { ServerTimeUnixS = NowUnixS() };
    }

    public override Task<PingReply> Fail(FailRequest request, ServerCallContext context)
    {
        if (request.Code is < 1 or > 16)
        {
            throw new ArgumentException($"code: {request.Code} is not an error status code (1..16).");
        }

        throw new RpcException(new Status((StatusCode)request.Code, request.Message));
    }

    public override Task<StreamStats> GetStreamStats(StreamStatsRequest request, ServerCallContext context) =>
        Task.FromResult(_stats.Snapshot(request.Tag));

    private static TimeSpan CheckDuration(string field, double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > MaxDurationS)
        {
            throw new ArgumentException($"{field}: {seconds} s must be between 0 and {MaxDurationS} s.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private double NowUnixS() => (_timeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;
}
