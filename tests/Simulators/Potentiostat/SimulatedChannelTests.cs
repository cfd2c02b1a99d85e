using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Potentiostat;

namespace OperandoRig.Simulators.Tests.Potentiostat;

[TestClass]
public sealed class SimulatedChannelTests
{
    private static readonly Termination[] Hour = [Termination.AfterSeconds(3600)];

    [TestMethod]
    public void Start_TimedRest_SamplesOnTheGridThenCompletes()
    {
        var h = new ChannelHarness();
        var start = h.Clock.GetUtcNow();

        var records = h.Run([ChannelStep.Rest(10)]);

        var samples = records.OfType<ChannelSample>().ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, 11).Select(i => start.AddSeconds(i)).ToArray(), samples.Select(s => s.Timestamp).ToArray());
        Assert.IsTrue(samples.All(s => s.CurrentA == 0 && Math.Abs(s.VoltageV - h.Cell.OpenCircuitVoltageV) < 1e-9));
        var end = (ChannelFinished)records[^1];
        Assert.AreEqual(ChannelState.Finished, end.FinalState);
        Assert.AreEqual("completed", end.Reason);
        Assert.AreEqual(start.AddSeconds(10), end.Timestamp);
    }

    [TestMethod]
    public void ConstantCurrent_VoltageCutoff_EndsWithinOneIntegrationStep()
    {
        var h = new ChannelHarness();
        var cutoff = new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrAbove, 3.9);

        var records = h.Run([ChannelHarness.Cc(1e-3, cutoff, Termination.AfterSeconds(36000)), ChannelStep.Rest(1)]);

        var transition = records.OfType<StepTransition>().Single();
        StringAssert.StartsWith(transition.Reason, "VoltageV >= 3.9");
        var last = records.OfType<ChannelSample>().Last(s => s.StepIndex == 0);
        Assert.AreEqual(transition.Timestamp, last.Timestamp);
        Assert.IsTrue(last.VoltageV is >= 3.9 and < 3.9 + 2e-3, $"end voltage {last.VoltageV} V overshoots the cut-off by more than one step");
        Assert.AreEqual(last.StepTimeS * 1e-3 / 3600, last.StepChargeAh, 1e-12);
    }

    [TestMethod]
    public void ConstantCurrentConstantVoltage_Taper_HoldsVoltageAndEndsBelowCurrentLimit()
    {
        var h = new ChannelHarness();
        var step = new ChannelStep(StepKind.ConstantCurrentConstantVoltage, 1e-3, 3.85,
            [new Termination(TerminationQuantity.AbsCurrentA, TerminationComparison.AtOrBelow, 0.1e-3), Termination.AfterSeconds(36000)], "cccv", 1);

        var samples = h.Run([step]).OfType<ChannelSample>().ToList();

        var cv = samples.Skip(1).SkipWhile(s => s.CurrentA >= 1e-3 - 1e-12).ToList(); // after the start sample and the CC phase
        Assert.IsGreaterThan(10, cv.Count, "the CV phase should last a while");
        Assert.IsTrue(cv.All(s => Math.Abs(s.VoltageV - 3.85) < 2e-3), "the voltage must stay at the set point in the CV phase");
        for (var i = 1; i < cv.Count; i++)
        {
            Assert.IsLessThanOrEqualTo(cv[i - 1].CurrentA + 1e-9, cv[i].CurrentA, "the current must taper");
        }

        Assert.IsLessThanOrEqualTo(0.1e-3, samples[^1].CurrentA);
    }

    [TestMethod]
    public void Pause_OpenCircuit_RelaxesAndStopsTheStepClock()
    {
        var h = new ChannelHarness();
        var start = h.Clock.GetUtcNow();

        var records = h.Run([ChannelHarness.Cc(1e-3, Termination.AfterSeconds(100))], async (channel, clock) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), clock);
            await channel.PauseAsync(HoldPolicy.OpenCircuit, CancellationToken.None);
            Assert.AreEqual(ChannelState.Paused, channel.State);
            await Task.Delay(TimeSpan.FromSeconds(60), clock);
            await channel.ResumeAsync(CancellationToken.None);
        });

        var samples = records.OfType<ChannelSample>().ToList();
        var paused = samples.Where(s => s.Timestamp > start.AddSeconds(30) && s.Timestamp <= start.AddSeconds(90)).ToList();
        Assert.HasCount(60, paused);
        Assert.IsTrue(paused.All(s => s.CurrentA == 0 && Math.Abs(s.StepTimeS - 30) < 1e-9));
        Assert.IsLessThan(paused[0].VoltageV, paused[^1].VoltageV, "the cell relaxes towards open circuit while paused");
        var end = records.OfType<ChannelFinished>().Single();
        Assert.AreEqual(start.AddSeconds(160), end.Timestamp, "100 s of step time plus a 60 s pause");
        Assert.AreEqual(100 * 1e-3 / 3600, samples[^1].TotalChargeAh, 1e-12);
    }

    [TestMethod]
    public void Pause_HoldVoltage_KeepsTheVoltageWhileCurrentDecays()
    {
        var h = new ChannelHarness();

        var records = h.Run([ChannelHarness.Cc(1e-3, Termination.AfterSeconds(100))], async (channel, clock) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(50), clock);
            await channel.PauseAsync(HoldPolicy.HoldVoltage, CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(120), clock);
            await channel.StopAsync(CancellationToken.None);
        });

        var samples = records.OfType<ChannelSample>().ToList();
        var atPause = samples.Single(s => s.StepTimeS == 50 && s.CurrentA == 1e-3);
        var held = samples.Where(s => s.Timestamp > atPause.Timestamp).ToList();
        Assert.IsTrue(held.All(s => Math.Abs(s.VoltageV - atPause.VoltageV) < 1e-3), "voltage held at its value at the pause");
        Assert.IsLessThan(held[0].CurrentA, held[^1].CurrentA, "the current decays as the interface relaxes");
        Assert.AreEqual("stopped", records.OfType<ChannelFinished>().Single().Reason);
    }

    [TestMethod]
    public void Run_VoltageLeavesCompliance_FaultsAndReportsTheVoltage()
    {
        var h = new ChannelHarness(new SimulatedChannelOptions { VoltageRangeV = new ValueRange(0, 3.9), VoltageNoiseV = 0, CurrentNoiseA = 0 });

        var records = h.Run([ChannelHarness.Cc(2e-3, Hour)]);

        var end = records.OfType<ChannelFinished>().Single();
        Assert.AreEqual(ChannelState.Faulted, end.FinalState);
        StringAssert.StartsWith(end.Reason, "compliance: voltage 3.9");
        StringAssert.Contains(end.Reason, "outside the channel's range 0..3.9 V");
        Assert.AreEqual(ChannelState.Faulted, h.Channel.State);
    }

    [TestMethod]
    public async Task Load_CurrentAboveRange_ThrowsCapabilityExceptionNamingStepAndValue()
    {
        var h = new ChannelHarness();
        var ex = await Assert.ThrowsExactlyAsync<CapabilityException>(() =>
            h.Channel.LoadAsync([ChannelStep.Rest(1), ChannelHarness.Cc(0.5, Hour)], CancellationToken.None));
        Assert.AreEqual("ch1: step 1 (cc): current 0.5 A is outside the channel's range ±0.01 A", ex.Message);
        Assert.AreEqual(ChannelState.Idle, h.Channel.State);
    }

    [TestMethod]
    public async Task Load_StepWithoutTermination_ThrowsCapabilityException()
    {
        var h = new ChannelHarness();
        var ex = await Assert.ThrowsExactlyAsync<CapabilityException>(() =>
            h.Channel.LoadAsync([ChannelHarness.Cc(1e-3)], CancellationToken.None));
        StringAssert.Contains(ex.Message, "has no termination and would never end");
    }

    [TestMethod]
    public async Task Resume_WhenNotPaused_ThrowsInvalidDeviceState()
    {
        var h = new ChannelHarness();
        var ex = await Assert.ThrowsExactlyAsync<InvalidDeviceStateException>(() => h.Channel.ResumeAsync(CancellationToken.None));
        Assert.AreEqual("ch1: cannot resume while Idle", ex.Message);
    }

    [TestMethod]
    public void Run_SampleDueLessThanAMillisecondAway_ClockStillAdvancesToTheEnd()
    {
        // A step that ends 0.5 ms off the millisecond grid leaves the next sample due in under 1 ms;
        // the channel must still wait for it on the clock instead of spinning (regression: it hung).
        var h = new ChannelHarness();
        var start = h.Clock.GetUtcNow();

        var records = h.Run([ChannelHarness.Cc(1e-3, Termination.AfterSeconds(2.0005)), ChannelStep.Rest(3)]);

        var end = records.OfType<ChannelFinished>().Single();
        Assert.AreEqual(start + TimeSpan.FromTicks(50_005_000), end.Timestamp);
        Assert.AreEqual("completed", end.Reason);
        CollectionAssert.AreEqual(
            new[] { 0, 1, 2, 2.0005, 3.0005, 4.0005, 5.0005 },
            records.OfType<ChannelSample>().Select(s => Math.Round((s.Timestamp - start).TotalSeconds, 7)).ToArray());
    }
}
