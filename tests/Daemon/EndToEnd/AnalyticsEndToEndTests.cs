using Microsoft.Extensions.DependencyInjection;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// Per-cycle analytics over gRPC from the store: two timed cycles at 1 mA give the capacities the protocol sets,
/// coulombic efficiency 1, retention 1, a positive hysteresis; dQ/dV's area is the half-cycle's capacity; bad
/// requests are refused naming the field.
/// </summary>
[TestClass]
public sealed class AnalyticsEndToEndTests
{
    private const string Protocol = """
        name: two-cycles
        steps:
          - repeat: 2
            steps:
              - Charge at 1 mA for 60 s
              - Rest for 10 s
              - Discharge at 1 mA for 60 s
              - Rest for 10 s
        """;

    private const double HalfCycleAh = 1e-3 * 60 / 3600;

    [TestMethod]
    public async Task GetCycleSummaries_TwoTimedCycles_CapacitiesEfficiencyRetentionAndDqDvFromTheStore()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var run = await new Rig.RigClient(channel).StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = Protocol });
        var runner = daemon.App.Services.GetRequiredService<RigRuntime>().GetRunner("ch1");
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        var client = new Analytics.AnalyticsClient(channel);

        var reply = await client.GetCycleSummariesAsync(new CycleSummariesRequest { RunId = run.RunId, ActiveMassMg = 2 });

        Assert.AreEqual("ch1", reply.ChannelId);
        Assert.HasCount(2, reply.Cycles);
        foreach (var c in reply.Cycles)
        {
            // The run's very first sample is the open-circuit reading taken as the channel starts (0 A): the
            // trapezoid from it to the first sample under current loses half a sample period of cycle 1's charge.
            var startDeficitAh = c.Cycle == 1 ? 1e-3 * 0.5 / 3600 : 0;
            Assert.AreEqual(HalfCycleAh - startDeficitAh, c.ChargeCapacityAh, HalfCycleAh * 1e-6, $"cycle {c.Cycle}");
            Assert.AreEqual(HalfCycleAh, c.DischargeCapacityAh, HalfCycleAh * 1e-6, $"cycle {c.Cycle}");
            Assert.AreEqual(c.DischargeCapacityAh / c.ChargeCapacityAh, c.CoulombicEfficiency, 1e-12);
            Assert.AreEqual(1, c.CoulombicEfficiency, 0.01);
            Assert.IsGreaterThan(c.MeanDischargeVoltageV, c.MeanChargeVoltageV, "charge runs above discharge (IR drop)");
            Assert.AreEqual(c.MeanChargeVoltageV - c.MeanDischargeVoltageV, c.VoltageHysteresisV, 1e-12);
            Assert.AreEqual(c.ChargeEnergyWh / c.ChargeCapacityAh, c.MeanChargeVoltageV, 1e-9);
            Assert.AreEqual(c.ChargeCapacityAh / 2e-6, c.SpecificChargeCapacityMahPerG, 1e-9, "Ah/kg = mAh/g");
            Assert.AreEqual(1, c.CapacityRetention, 1e-6);
        }

        Assert.AreEqual(1, reply.Cycles[0].RetentionReferenceCycle);
        Assert.IsTrue(reply.Cycles[0].Complete);
        Assert.IsFalse(reply.Cycles[1].Complete, "the run ended inside cycle 2");

        var dqdv = await client.GetDifferentialCapacityAsync(new DifferentialCapacityRequest { RunId = run.RunId, Cycle = 2, Direction = HalfCycle.Discharge, BinWidthV = 0.001 });
        Assert.IsNotEmpty(dqdv.Points);
        Assert.AreEqual(HalfCycleAh, dqdv.CapacityAh, HalfCycleAh * 1e-6, "the area under dQ/dV is the discharge capacity");
        Assert.IsTrue(dqdv.Points.Zip(dqdv.Points.Skip(1)).All(p => p.Second.VoltageV > p.First.VoltageV), "ascending voltage");
        Assert.IsTrue(dqdv.Points.All(p => p.DqdvAhPerV >= 0));
    }

    [TestMethod]
    public async Task Analytics_BadRequests_NamedInTheError()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var run = await new Rig.RigClient(channel).StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = Protocol });
        await daemon.App.Services.GetRequiredService<RigRuntime>().GetRunner("ch1").Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var client = new Analytics.AnalyticsClient(channel);

        var unknown = await Assert.ThrowsExactlyAsync<RpcException>(async () => await client.GetCycleSummariesAsync(new CycleSummariesRequest { RunId = "nope" }));
        Assert.AreEqual(StatusCode.NotFound, unknown.StatusCode);
        StringAssert.Contains(unknown.Status.Detail, "run 'nope' is not in the store");

        var mass = await Assert.ThrowsExactlyAsync<RpcException>(async () => await client.GetCycleSummariesAsync(new CycleSummariesRequest { RunId = run.RunId, ActiveMassMg = -3 }));
        Assert.AreEqual(StatusCode.InvalidArgument, mass.StatusCode);
        StringAssert.StartsWith(mass.Status.Detail, "active_mass_mg: -3 mg");

        var cycle = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.GetDifferentialCapacityAsync(new DifferentialCapacityRequest { RunId = run.RunId, Cycle = 9, Direction = HalfCycle.Charge }));
        Assert.AreEqual(StatusCode.InvalidArgument, cycle.StatusCode);
        StringAssert.Contains(cycle.Status.Detail, "cycle: 9 is not in run");
        StringAssert.Contains(cycle.Status.Detail, "cycles 1 .. 2");

        var width = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.GetDifferentialCapacityAsync(new DifferentialCapacityRequest { RunId = run.RunId, Cycle = 1, Direction = HalfCycle.Charge, BinWidthV = 2 }));
        Assert.AreEqual(StatusCode.InvalidArgument, width.StatusCode);
        StringAssert.StartsWith(width.Status.Detail, "bin_width_v: 2 V is outside");

        var direction = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.GetDifferentialCapacityAsync(new DifferentialCapacityRequest { RunId = run.RunId, Cycle = 1 }));
        StringAssert.StartsWith(direction.Status.Detail, "direction: Unspecified");
    }

    [TestMethod]
    public async Task GetImpedanceSpectra_PeisStep_PointsCellStateAndFitAsStored()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 500, cell: "{ preset: nmc83-lpscl-limg-60c, initial_soc: 50 % }");
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var run = await new Rig.RigClient(channel).StartProtocolAsync(new StartProtocolRequest
        {
            ChannelId = "ch1",
            ProtocolYaml = "steps:\n  - Rest for 10 s\n  - peis: { at: ocv, from: 10 kHz, to: 1 Hz, points_per_decade: 5, amplitude: 7 mV }\n",
        });
        var rig = daemon.App.Services.GetRequiredService<RigRuntime>();
        await rig.GetRunner("ch1").Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var reply = await new Analytics.AnalyticsClient(channel).GetImpedanceSpectraAsync(new ImpedanceSpectraRequest { RunId = run.RunId });

        var spectrum = reply.Spectra.Single();
        var stored = (await new ImpedanceSpectrumStore(rig.Store).ReadRunAsync(run.RunId, CancellationToken.None)).Single();
        var points = await rig.Store.ReadImpedanceAsync(run.RunId, CancellationToken.None);
        Assert.AreEqual(1, spectrum.StepIndex);
        Assert.HasCount(21, spectrum.Points);
        CollectionAssert.AreEqual(points.Select(p => (p.FrequencyHz, p.RealOhm, p.ImaginaryOhm)).ToArray(),
            spectrum.Points.Select(p => (p.FrequencyHz, p.ZRealOhm, p.ZImagOhm)).ToArray());
        Assert.AreEqual(stored.Start.VoltageV, spectrum.Start.VoltageV);
        Assert.AreEqual(stored.End.TimeUnixS, spectrum.End.TimeUnixS);
        Assert.IsLessThan(spectrum.End.TimeUnixS, spectrum.Start.TimeUnixS, "the sweep takes time");
        Assert.AreEqual(0, spectrum.Start.CurrentA, 1e-6, "at open circuit");
        Assert.AreEqual(stored.Circuit, spectrum.Circuit);
        Assert.AreEqual(stored.FitStatus, spectrum.FitStatus);
        Assert.AreEqual(stored.FitIsGood, spectrum.FitGood);
        CollectionAssert.AreEqual(stored.Parameters.Select(p => (p.Name, p.Value)).ToArray(), spectrum.Parameters.Select(p => (p.Name, p.Value)).ToArray());
        Assert.IsNotEmpty(spectrum.Parameters, spectrum.FitMessage);

        var none = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await new Analytics.AnalyticsClient(channel).GetImpedanceSpectraAsync(new ImpedanceSpectraRequest { RunId = "nope" }));
        Assert.AreEqual(StatusCode.NotFound, none.StatusCode);
    }
}
