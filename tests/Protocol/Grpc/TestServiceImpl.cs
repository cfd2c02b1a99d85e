using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Protocol.Tests.Grpc;

/// <summary>What the test service's handlers did, for the test to wait on and check.</summary>
internal sealed class TestProbe
{
    private long _produced;

    public TaskCompletionSource HandlerStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when a handler saw its CancellationToken fire and returned.</summary>
    public TaskCompletionSource HandlerCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when a stream handler has exited, with the number of messages it wrote.</summary>
    public TaskCompletionSource<long> StreamExited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? LastRequestHeader { get; set; }

    public DateTime LastDeadline { get; set; }

    public long Produced => Interlocked.Read(ref _produced);

    public void CountProduced() => Interlocked.Increment(ref _produced);
}

/// <summary>
/// Test behaviours: Echo echoes (and returns header <c>x-test</c> as a trailer); Fail throws what the code asks
/// (-1 ArgumentException, -2 InvalidOperationException, else RpcException); WaitForCancel waits for its token;
/// Stream writes <c>count</c> ticks (0 = until cancelled), then fails with ABORTED if the tag is "fail".
/// </summary>
internal sealed class TestServiceImpl : TestService.TestServiceBase
{
    private readonly TestProbe _probe;

    public TestServiceImpl(TestProbe probe)
    {
        _probe = probe;
    }

    public override Task<PingReply> Echo(PingRequest request, ServerCallContext context)
    {
        _probe.LastRequestHeader = context.RequestHeaders.GetValue("x-test");
        _probe.LastDeadline = context.Deadline;
        if (_probe.LastRequestHeader is { } value)
        {
            context.ResponseTrailers.Add("x-echoed", value);
        }

        return Task.FromResult(new PingReply { Payload = request.Payload });
    }

    public override Task<PingReply> Fail(FailRequest request, ServerCallContext context) => request.Code switch
    {
        -1 => throw new ArgumentException(request.Message),
        -2 => throw new InvalidOperationException(request.Message),
        _ => throw new RpcException(new Status((StatusCode)request.Code, request.Message)),
    };

    public override async Task<PingReply> WaitForCancel(SleepRequest request, ServerCallContext context)
    {
        _probe.LastDeadline = context.Deadline;
        _probe.HandlerStarted.TrySetResult();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            _probe.HandlerCancelled.TrySetResult();
            throw;
        }

        return new PingReply();
    }

    public override async Task Stream(CountRequest request, IServerStreamWriter<Tick> responseStream, ServerCallContext context)
    {
        _probe.HandlerStarted.TrySetResult();
        try
        {
            for (long i = 0; request.Count == 0 || i < request.Count; i++)
            {
                await responseStream.WriteAsync(new Tick { Index = i }, context.CancellationToken);
                _probe.CountProduced();
            }

            if (request.Tag == "fail")
            {
                throw new RpcException(new Status(StatusCode.Aborted, $"stopped after {request.Count}"));
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            _probe.HandlerCancelled.TrySetResult();
            throw;
        }
        finally
        {
            _probe.StreamExited.TrySetResult(_probe.Produced);
        }
    }
}
