using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// A beamline script controls a run over gRPC: pause with a hold policy (the cell goes to open circuit and the
/// status says so), resume (current flows again), stop (the run ends Finished with its counters); actions the
/// state does not allow and malformed requests get errors naming the field, the value and what is allowed.
/// </summary>
[TestClass]
public sealed class RunControlEndToEndTests
{
    [TestMethod]
    public async Task ControlRun_PauseResumeStop_StatusFollowsAndTheCellIsHeld()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);
        var run = await client.StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = "steps: [Charge at 1 mA for 10 h]" });

        var running = await WaitForAsync(client, s => s.SampleCount >= 20 && Math.Abs(s.CurrentA - 1e-3) < 1e-7);
        Assert.AreEqual("Running", running.State);
        Assert.AreEqual(run.RunId, running.RunId);

        var paused = await client.ControlRunAsync(new ControlRunRequest
        {
            ChannelId = "ch1", Action = RunControlAction.Pause, Hold = HoldPolicyKind.OpenCircuit, Reason = "beam refill",
        });
        Assert.AreEqual("Paused", paused.State);
        Assert.AreEqual(HoldPolicyKind.OpenCircuit, paused.Hold);
        var held = await WaitForAsync(client, s => s.SampleCount > paused.SampleCount + 10);
        Assert.AreEqual(0, held.CurrentA, 1e-6, "open circuit while paused (the simulator reads a few nA of noise)");
        var stillHeld = await WaitForAsync(client, s => s.SampleCount > held.SampleCount + 10);
        Assert.AreEqual("Paused", stillHeld.State);
        Assert.AreEqual(held.Total.ChargeAh, stillHeld.Total.ChargeAh, 1e-9, "no charge flows while held at open circuit");

        var resumed = await client.ControlRunAsync(new ControlRunRequest { ChannelId = "ch1", Action = RunControlAction.Resume, Reason = "beam back" });
        Assert.AreEqual("Running", resumed.State);
        Assert.AreEqual(HoldPolicyKind.Unspecified, resumed.Hold);
        var flowing = await WaitForAsync(client, s => s.SampleCount > resumed.SampleCount + 10);
        Assert.AreEqual(1e-3, flowing.CurrentA, 1e-7);
        Assert.IsGreaterThan(held.Total.ChargeAh, flowing.Total.ChargeAh);

        var stopped = await client.ControlRunAsync(new ControlRunRequest { ChannelId = "ch1", Action = RunControlAction.Stop, Reason = "enough" });
        Assert.AreEqual("Finished", stopped.State);
        StringAssert.Contains(stopped.EndReason, "enough");
        Assert.AreEqual(0, stopped.Total.DischargeAh, 1e-10, "only open-circuit noise flows out");
        Assert.IsGreaterThan(0, stopped.Total.ChargeAh);

        var late = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.ControlRunAsync(new ControlRunRequest { ChannelId = "ch1", Action = RunControlAction.Resume }));
        Assert.AreEqual(StatusCode.FailedPrecondition, late.StatusCode);
        StringAssert.Contains(late.Status.Detail, "cannot resume while Finished");
    }

    [TestMethod]
    public async Task ControlRun_BadRequests_InvalidArgumentNamingTheField()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);

        var unknownChannel = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.ControlRunAsync(new ControlRunRequest { ChannelId = "ch9", Action = RunControlAction.Pause }));
        Assert.AreEqual(StatusCode.InvalidArgument, unknownChannel.StatusCode);
        StringAssert.Contains(unknownChannel.Status.Detail, "channel_id: 'ch9'");

        var noAction = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.ControlRunAsync(new ControlRunRequest { ChannelId = "ch1" }));
        Assert.AreEqual(StatusCode.InvalidArgument, noAction.StatusCode);
        StringAssert.Contains(noAction.Status.Detail, "action: Unspecified");

        var holdOnStop = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.ControlRunAsync(new ControlRunRequest { ChannelId = "ch1", Action = RunControlAction.Stop, Hold = HoldPolicyKind.KeepCurrent }));
        Assert.AreEqual(StatusCode.InvalidArgument, holdOnStop.StatusCode);
        StringAssert.Contains(holdOnStop.Status.Detail, "hold: KeepCurrent applies to PAUSE only");

        var pauseIdle = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.ControlRunAsync(new ControlRunRequest { ChannelId = "ch1", Action = RunControlAction.Pause }));
        Assert.AreEqual(StatusCode.FailedPrecondition, pauseIdle.StatusCode);
        StringAssert.Contains(pauseIdle.Status.Detail, "cannot pause while Idle");

        var status = await client.GetChannelStatusAsync(new GetChannelStatusRequest { ChannelId = "ch1" });
        Assert.AreEqual("Idle", status.State, "a refused request changes nothing");
    }

    [TestMethod]
    public async Task GetRigInfo_SafetySection_LimitsShownPerChannel()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200,
            safety: "{ voltage: [2.5 V, 4.3 V], max_current: 5 mA, max_silence: 30 s, temperature: [5 °C, 45 °C] }");
        using var channel = GrpcChannel.ForAddress(daemon.Address);

        var safety = (await new Rig.RigClient(channel).GetRigInfoAsync(new GetRigInfoRequest())).Channels.Single().Safety;

        Assert.AreEqual(2.5, safety.MinVoltageV);
        Assert.AreEqual(4.3, safety.MaxVoltageV);
        Assert.AreEqual(5e-3, safety.MaxAbsCurrentA, 1e-15);
        Assert.AreEqual(30, safety.MaxSilenceS);
        Assert.AreEqual(5, safety.MinTemperatureC);
        Assert.AreEqual(45, safety.MaxTemperatureC);
        Assert.IsFalse(safety.ShortCircuitDetection);
    }

    [TestMethod]
    public async Task CheckProtocol_ConditionalLoopWithDvDt_ReportsWhereConditionsRunAndDurationWithoutStarting()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200, safety: "{ voltage: [2.8 V, 4.3 V], max_current: 5 mA }");
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);
        const string protocol = """
            name: relax-loop
            cell: { capacity: 1.78 mAh }
            steps:
              - repeat: { until: 'discharge capacity < 80 % of cycle 1', max: 3 }
                steps:
                  - Charge at C/5 until 4.1 V or 6 h
                  - rest: { until: dV/dt <= 1 mV/min, duration: 2 h }
                  - Discharge at C/5 until 3.0 V or 6 h
            """;

        var check = await client.CheckProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = protocol, SourceName = "relax.yaml" });

        Assert.IsTrue(check.RunsInSegments, check.Report);
        var dvdt = check.Conditions.Single(c => c.Condition.Contains("dV/dt", StringComparison.Ordinal));
        Assert.AreEqual("device", dvdt.RunsOn, "the simulated channel evaluates dV/dt itself: " + check.Report);
        Assert.AreEqual(0, dvdt.LatencyS);
        StringAssert.Contains(check.Control.Single(), "decided by the daemon after each iteration", "the capacity-fade loop is the daemon's");
        Assert.AreEqual(7, dvdt.Line, "the rest step's line in the file");
        Assert.IsTrue(check.Conditions.Any(c => c.RunsOn == "device" && c.Condition.Contains("4.1 V", StringComparison.Ordinal)), check.Report);
        Assert.IsGreaterThan(0, check.ExpectedDurationS);
        Assert.IsLessThanOrEqualTo(check.ExpectedDurationS, check.MinDurationS);
        StringAssert.Contains(check.Report, "channel ch1: run in segments by the daemon");
        var status = await client.GetChannelStatusAsync(new GetChannelStatusRequest { ChannelId = "ch1" });
        Assert.AreEqual("Idle", status.State, "a check starts nothing");

        var beyond = await Assert.ThrowsExactlyAsync<RpcException>(async () => await client.CheckProtocolAsync(new StartProtocolRequest
        {
            ChannelId = "ch1", ProtocolYaml = "steps:\n  - Charge at 8 mA until 4.1 V\n", SourceName = "hot.yaml",
        }));
        Assert.AreEqual(StatusCode.InvalidArgument, beyond.StatusCode);
        StringAssert.StartsWith(beyond.Status.Detail, "hot.yaml:2: steps[0]: ");
        StringAssert.Contains(beyond.Status.Detail, "current 0.008 A is beyond channel ch1's safety limit ±0.005 A");
    }

    private static async Task<ChannelStatusMessage> WaitForAsync(Rig.RigClient client, Func<ChannelStatusMessage, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var s = await client.GetChannelStatusAsync(new GetChannelStatusRequest { ChannelId = "ch1" });
            if (done(s))
            {
                return s;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"channel status never reached the expected state; last: {s}");
            }

            await Task.Delay(20);
        }
    }
}
