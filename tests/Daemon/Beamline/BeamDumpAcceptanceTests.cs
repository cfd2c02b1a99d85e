using OperandoRig.Daemon.Beamline;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Operando;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Beamline;

/// <summary>
/// Issue #6 acceptance: a beam dump in the middle of a scan on a cycling cell suspends the scan, not the cycling; the scan
/// resumes after recovery plus settle, re-measures the interrupted point, and records no point without beam.
/// </summary>
[TestClass]
public sealed class BeamDumpAcceptanceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void RunAsync_BeamDumpWhileTheCellCharges_ScanSuspendsChannelKeepsSamplingScanResumesAndRemeasures()
    {
        var clock = new VirtualTimeProvider();
        var cell = new LumpedCellModel(CellPresets.Load("lno-nmc811-lpscl-liin-rt") with { InitialStateOfCharge = 0.2 });
        var channel = new SimulatedChannel(new SimulatedChannelOptions { SamplePeriodS = 10, IntegrationStepS = 1, MaxAbsCurrentA = 0.1 }, cell, clock);
        var rig = new SimBeamline(
            ring: SimBeamline.SteadyRing with { ScheduledDumpsAfterS = [100.4], RefillDelayS = 1800, RefillDurationS = 300 },
            state: new CellSampleState(cell), clock: clock);
        var plan = ScanPlanParser.Load(Path.Combine(RepoPaths.Root, "config", "scans", "ni-k-xanes.yaml"));
        var samples = new List<ChannelSample>();
        ScanResult? result = null;

        new SimulationLoop(clock).Run(async ct =>
        {
            await channel.LoadAsync([new ChannelStep(StepKind.ConstantCurrent, cell.NominalCapacityAh / 10, 0, [Termination.AfterSeconds(5 * 3600)], "charge", 1)], ct);
            await channel.StartAsync(ct);
            var reading = ReadSamplesAsync(channel, samples, ct);
            result = await rig.Runner.RunAsync(plan, new ScanRequest("run-1", "xanes-1", Tagger: new CellTagger(cell)), ct);
            await channel.StopAsync(ct);
            await reading;
        });

        Assert.IsNotNull(result);
        Assert.AreEqual(ScanEndReason.Completed, result.EndReason, result.Message);
        Assert.HasCount(plan.PointCount, result.Points);
        CollectionAssert.AreEqual(Enumerable.Range(0, plan.PointCount).ToArray(), result.Points.Select(p => p.PointIndex).ToArray(), "each point once, in order");
        Assert.IsTrue(result.Points.All(rig.HadBeamThroughout), "no point is recorded without beam");
        Assert.IsGreaterThanOrEqualTo(1, result.Remeasured);
        var suspend = result.Events.Single(e => e.Kind == "scan.suspend");
        var resume = result.Events.Single(e => e.Kind == "scan.resume");
        double beamBackS = 100.4 + 1800 + 300;
        Assert.IsGreaterThanOrEqualTo(beamBackS + 60, rig.SecondsAt(resume.Time), "recovery plus the 60 s settle");

        var during = samples.Count(s => s.Timestamp > suspend.Time && s.Timestamp < resume.Time);
        double suspendedS = (resume.Time - suspend.Time).TotalSeconds;
        TestContext.WriteLine(FormattableString.Invariant(
            $"suspended {suspendedS:F0} s from {rig.SecondsAt(suspend.Time):F1} s; the channel recorded {during} samples meanwhile; {result.Remeasured} point(s) re-measured"));
        Assert.IsGreaterThanOrEqualTo((int)(suspendedS / 10) - 1, during, "the cell keeps cycling (one sample per 10 s) while the scan is suspended");
        Assert.IsTrue(samples.Where(s => s.Timestamp > suspend.Time && s.Timestamp < resume.Time).All(s => s.CurrentA > 0), "charging, not paused");

        var socs = result.Points.Select(p => p.Tag!.Soc).ToList();
        Assert.IsGreaterThan(socs[0] + 0.05, socs[^1], "points are tagged with the state the cell had when they were counted (it charged through the dump)");
    }

    private static async Task ReadSamplesAsync(SimulatedChannel channel, List<ChannelSample> samples, CancellationToken ct)
    {
        await foreach (var r in channel.ReadRecordsAsync(ct))
        {
            if (r is ChannelSample s)
            {
                samples.Add(s);
            }
        }
    }

    /// <summary>Tags with the cell model's state (the operando layer's tagger reads the channel's samples instead).</summary>
    private sealed class CellTagger(LumpedCellModel cell) : IScanPointTagger
    {
        public ValueTask<CellStateTag?> TagAsync(DateTimeOffset pointTime, CancellationToken ct) =>
            ValueTask.FromResult<CellStateTag?>(new CellStateTag("ch1", cell.TerminalVoltageV, 0, 0, cell.StateOfCharge, 1, 0, "charge"));
    }
}
