using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Api;

[TestClass]
public sealed class DiagnosticsServiceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Sleep_DaemonClockTenThousandTimesFaster_ClientDeadlineMeasuredInRealTime()
    {
        // 1000 daemon-seconds pass in 0.1 s real; a 60 s real-time deadline must not be read as 60 daemon-seconds
        // (6 ms real), which is what happened when deadlines ran on the simulated clock.
        var daemonClock = new ScaledTimeProvider(10_000, TimeProvider.System.GetUtcNow());
        await using var host = await DaemonGrpcHost.StartAsync(daemonClock);
        using var channel = GrpcChannel.ForAddress(host.Address);
        var client = new Diagnostics.DiagnosticsClient(channel);

        var reply = await client.SleepAsync(new SleepRequest { DurationS = 1000 }, deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(60), cancellationToken: TestContext.CancellationToken);

        Assert.IsGreaterThan(0, reply.ServerTimeUnixS);
    }

    [TestMethod]
    public async Task Count_NegativeCount_InvalidArgumentNamingTheField()
    {
        await using var host = await DaemonGrpcHost.StartAsync();
        using var channel = GrpcChannel.ForAddress(host.Address);
        var client = new Diagnostics.DiagnosticsClient(channel);

        using var call = client.Count(new CountRequest { Count = -1 }, cancellationToken: TestContext.CancellationToken);
        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () => await call.ResponseStream.MoveNext(TestContext.CancellationToken));

        Assert.AreEqual(StatusCode.InvalidArgument, ex.StatusCode);
        StringAssert.StartsWith(ex.Status.Detail, "count: -1");
    }
}
