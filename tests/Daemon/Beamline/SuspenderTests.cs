using OperandoRig.Daemon.Beamline;
using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Beamline;

[TestClass]
public sealed class SuspenderTests
{
    private const string Plan = """
        edge: Ni K
        regions: [{ from: -20 eV, to: 20 eV, step: 1 eV, count: 1 s }]
        detectors: [det]
        """;

    [TestMethod]
    public void RunAsync_SignalLeavesItsBand_SuspendsUntilItIsBackInsideTheResumeBandPlusSettle()
    {
        var clock = new VirtualTimeProvider();
        var temperature = new ScriptedSignal("hutch.temperature", "degC", clock, t => t is > 10 and < 200 ? 27.5 : t is >= 200 and < 300 ? 25.5 : 23);
        var rig = new SimBeamline(clock: clock, signals: new Dictionary<string, IScanSignal> { [temperature.Name] = temperature });
        var plan = ScanPlanParser.Parse(Plan + "\nsuspenders:\n  bands: [{ signal: hutch.temperature, within: [20 degC, 26 degC], resume_within: [21 degC, 25 degC], settle: 30 s }]", "band.yaml");

        var result = rig.Run(plan);

        Assert.AreEqual(ScanEndReason.Completed, result.EndReason);
        Assert.HasCount(41, result.Points);
        var suspend = result.Events.Single(e => e.Kind == "scan.suspend");
        StringAssert.Contains(suspend.Message, "hutch.temperature = 27.5 degC is outside [20, 26] degC and resumes within [21, 25] degC");
        var resume = result.Events.Single(e => e.Kind == "scan.resume");
        Assert.AreEqual(300 + 30, rig.SecondsAt(resume.Time), 1.5, "25.5 degC is inside the suspend band but not the resume band: wait for 23 degC at 300 s, then 30 s");
        Assert.IsTrue(result.Points.All(p => temperature.ValueAt(p.TimeUnixS) is >= 20 and <= 26 && temperature.ValueAt(p.TimeUnixS + p.CountTimeS) is >= 20 and <= 26));
    }

    [TestMethod]
    public void RunAsync_OperatorClosesTheShutterMidScan_PointDiscardedShutterReopenedAfterSettle()
    {
        var rig = new SimBeamline();
        var plan = ScanPlanParser.Parse(Plan + "\nsuspenders:\n  shutter: { settle: 2 s, open_on_resume: true }", "shutter.yaml");

        var result = new SimulationLoop(rig.Clock).Run(async ct =>
        {
            var scan = rig.Runner.RunAsync(plan, new ScanRequest("run-1", "scan-1"), ct);
            await Task.Delay(TimeSpan.FromSeconds(20.3), rig.Clock, ct);
            await rig.Shutter.CloseAsync(ct);
            return await scan;
        });

        Assert.AreEqual(ScanEndReason.Completed, result.EndReason);
        Assert.HasCount(41, result.Points);
        Assert.AreEqual(1, result.Remeasured);
        Assert.IsTrue(result.Points.All(rig.HadBeamThroughout));
        StringAssert.Contains(result.Events.Single(e => e.Kind == "scan.suspend").Message, "shutter.open = false");
    }

    [TestMethod]
    public void RunAsync_MonochromatorLinkDrops_EndsFaultedKeepingThePointsSoFar()
    {
        var rig = new SimBeamline();
        var plan = ScanPlanParser.Parse(Plan, "fault.yaml");

        var result = new SimulationLoop(rig.Clock).Run(async ct =>
        {
            var scan = rig.Runner.RunAsync(plan, new ScanRequest("run-1", "scan-1"), ct);
            await Task.Delay(TimeSpan.FromSeconds(10.5), rig.Clock, ct);
            rig.Mono.Faults.Inject(DeviceFault.Disconnect);
            return await scan;
        });

        Assert.AreEqual(ScanEndReason.Faulted, result.EndReason);
        StringAssert.Contains(result.Message, "link down");
        Assert.IsGreaterThan(5, result.Points.Count);
        Assert.IsLessThan(41, result.Points.Count);
        Assert.IsFalse(rig.Shutter.IsOpenAt(rig.Clock.GetUtcNow()), "the shutter is closed after a fault too");
        Assert.AreEqual("scan.stop", result.Events[^1].Kind);
    }

    [TestMethod]
    public void RunAsync_Cancelled_ReturnsCancelledWithThePointsSoFar()
    {
        var rig = new SimBeamline();
        var plan = ScanPlanParser.Parse(Plan, "cancel.yaml");
        using var cts = new CancellationTokenSource();

        var result = new SimulationLoop(rig.Clock).Run(async ct =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var scan = rig.Runner.RunAsync(plan, new ScanRequest("run-1", "scan-1"), linked.Token);
            await Task.Delay(TimeSpan.FromSeconds(10.5), rig.Clock, ct);
            await linked.CancelAsync();
            return await scan;
        });

        Assert.AreEqual(ScanEndReason.Cancelled, result.EndReason);
        Assert.IsGreaterThan(5, result.Points.Count);
        Assert.IsNull(rig.Runner.RunningScanId);
    }

    [TestMethod]
    public void RunAsync_SecondScanWhileOneRuns_RefusedAsBusy()
    {
        var rig = new SimBeamline();
        var plan = ScanPlanParser.Parse(Plan, "busy.yaml");

        var ex = new SimulationLoop(rig.Clock).Run(async ct =>
        {
            var first = rig.Runner.RunAsync(plan, new ScanRequest("run-1", "scan-1"), ct);
            var refused = await Assert.ThrowsExactlyAsync<ScanBusyException>(() => rig.Runner.RunAsync(plan, new ScanRequest("run-1", "scan-2"), ct));
            await first;
            return refused;
        });

        Assert.AreEqual("scan-1", ex.RunningScanId);
    }

    [TestMethod]
    public void Check_EnergyOutsideTheMonochromatorRange_RefusedNamingTheRegionAndRange()
    {
        var rig = new SimBeamline();
        var plan = ScanPlanParser.Parse("regions: [{ from: 24000 eV, to: 26000 eV, step: 500 eV, count: 1 s }]\ndetectors: [det]", "range.yaml");

        var ex = Assert.ThrowsExactly<ScanPlanException>(() => rig.Run(plan));

        StringAssert.StartsWith(ex.Message, "range.yaml: regions[0]: 25500.000 eV (point 3) is outside the range of mono, 2100..25000 eV");
    }

    /// <summary>A signal given as a function of the seconds since the clock's start.</summary>
    private sealed class ScriptedSignal(string name, string unit, VirtualTimeProvider clock, Func<double, double> valueAt) : IScanSignal
    {
        public string Name => name;

        public string Unit => unit;

        public double ValueAt(double unixS) => valueAt(unixS - ScanRunner.UnixSeconds(clock.Start));

        public Task<double> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(valueAt((clock.GetUtcNow() - clock.Start).TotalSeconds));
    }
}
