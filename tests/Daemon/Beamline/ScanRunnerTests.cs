using OperandoRig.Daemon.Beamline;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Daemon.Tests.Beamline;

[TestClass]
public sealed class ScanRunnerTests
{
    private const string Xanes = """
        name: ni-edge
        edge: Ni K
        regions:
          - { from: -20 eV, to: 40 eV, step: 1 eV, count: 1 s }
        detectors: [det]
        settle: 20 ms
        """;

    [TestMethod]
    public void RunAsync_SteadyBeam_RecordsEveryPointOnceWithStreamSeqCountsAndDeadTime()
    {
        var rig = new SimBeamline();
        var plan = ScanPlanParser.Parse(Xanes, "x.yaml");

        var result = rig.Run(plan);

        Assert.AreEqual(ScanEndReason.Completed, result.EndReason, result.Message);
        Assert.HasCount(61, result.Points);
        CollectionAssert.AreEqual(Enumerable.Range(1, 61).Select(i => (long)i).ToArray(), result.Points.Select(p => p.Seq).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(0, 61).ToArray(), result.Points.Select(p => p.PointIndex).ToArray());
        Assert.IsTrue(result.Points.All(p => p.Stream == "beamline/points" && p.ScanId == "scan-1" && p.RunId == "run-1"));
        Assert.IsTrue(result.Points.All(p => p.I0 > 1e6 && p.Counts.ContainsKey("det.It") && p.Counts.ContainsKey("det.If")), "every point counted with beam");
        Assert.IsTrue(result.Points.All(rig.HadBeamThroughout));
        var d = result.DeadTime;
        Assert.AreEqual(61.0, d.CountS, 1e-9);
        Assert.AreEqual(61 * 0.02, d.SettleS, 0.061, "the plan's settle after each move");
        Assert.AreEqual(61 * 0.005, d.ReadoutS, 0.061, "the detector's 5 ms read-out");
        Assert.IsGreaterThan(61 * 0.1, d.MovesS, "each mono step of 1 eV takes the mono's 0.1 s settle plus motion");
        Assert.AreEqual(0.0, d.SuspendedS);
        Assert.AreEqual(d.TotalS, d.CountS + d.MovesS + d.SettleS + d.ReadoutS + d.SuspendedS + d.RemeasureS + d.OverheadS, 1e-6);
        Assert.AreEqual((result.Ended - result.Started).TotalSeconds, d.TotalS, 1e-9);
        Assert.IsFalse(rig.Shutter.IsOpenAt(rig.Clock.GetUtcNow()), "closed at the end: no dose between scans");
        Assert.AreEqual("scan.start", result.Events[0].Kind);
        Assert.AreEqual("scan.stop", result.Events[^1].Kind);
        Assert.HasCount(1, rig.Points.Scans);
    }

    [TestMethod]
    public void RunAsync_Tagger_EveryPointCarriesTheCellStateAtTheMiddleOfItsCount()
    {
        var rig = new SimBeamline();
        var tagger = new ClockTagger(rig.Clock.Start);
        var plan = ScanPlanParser.Parse(Xanes, "x.yaml");

        var result = rig.Run(plan, new ScanRequest("run-1", "scan-1", Tagger: tagger));

        foreach (var p in result.Points)
        {
            Assert.IsNotNull(p.Tag);
            double mid = p.TimeUnixS + (p.CountTimeS / 2) - ScanRunner.UnixSeconds(rig.Clock.Start);
            Assert.AreEqual(mid, p.Tag.ChargeAh, 1e-6, "the tag's time is the middle of the count");
        }
    }

    [TestMethod]
    public void RunAsync_BeamDumpMidScan_SuspendsResumesAfterRefillPlusSettleAndRemeasuresTheInterruptedPoint()
    {
        // The dump comes 40 s in, in the middle of a count; refill 1800 s later, ramp 300 s; resume at 290 mA plus 60 s settle.
        var rig = new SimBeamline(ring: SimBeamline.SteadyRing with { ScheduledDumpsAfterS = [40.3], RefillDelayS = 1800, RefillDurationS = 300 });
        var plan = ScanPlanParser.Parse(Xanes + """

            suspenders:
              ring_current: { below: 250 mA, resume_at: 290 mA, settle: 60 s }
              shutter: { settle: 2 s, open_on_resume: true }
            """, "x.yaml");

        var result = rig.Run(plan);

        Assert.AreEqual(ScanEndReason.Completed, result.EndReason, result.Message);
        Assert.HasCount(61, result.Points, "every point is recorded once");
        CollectionAssert.AreEqual(Enumerable.Range(0, 61).ToArray(), result.Points.Select(p => p.PointIndex).ToArray());
        Assert.IsTrue(result.Points.All(rig.HadBeamThroughout), "no point is recorded without beam");
        Assert.AreEqual(1, result.Remeasured, "the point whose count the dump interrupted is measured again");
        Assert.AreEqual(1, result.Suspensions);
        var suspend = result.Events.Single(e => e.Kind == "scan.suspend");
        var resume = result.Events.Single(e => e.Kind == "scan.resume");
        var remeasure = result.Events.Single(e => e.Kind == "scan.remeasure");
        StringAssert.Contains(suspend.Message, "ring delivers no beam");
        double dumpS = 40.3, beamBackS = dumpS + 1800 + 300;
        Assert.IsLessThan(suspend.Time, remeasure.Time.AddTicks(-1), "the interrupted point is discarded before the suspension");
        double resumedAt = rig.SecondsAt(resume.Time);
        Assert.IsGreaterThanOrEqualTo(beamBackS + 60, resumedAt, "resume waits for recovery plus the settle time");
        Assert.IsLessThan(beamBackS + 60 + 0.5 + 2 + 1.5, resumedAt, "and not much longer: one poll, the shutter opening");
        var interrupted = int.Parse(remeasure.Fields["point"], System.Globalization.CultureInfo.InvariantCulture);
        var redone = result.Points.Single(p => p.PointIndex == interrupted);
        Assert.IsGreaterThanOrEqualTo(resumedAt, rig.SecondsAt(DateTimeOffset.UnixEpoch.AddSeconds(redone.TimeUnixS)), "re-measured after the resume");
        Assert.IsGreaterThan(2100.0, result.DeadTime.SuspendedS);
        Assert.IsGreaterThan(0.0, result.DeadTime.RemeasureS);
    }

    [TestMethod]
    public void RunAsync_TopUpSawtoothAboveTheFloor_NeverSuspends()
    {
        var rig = new SimBeamline(ring: new SimulatedRingOptions { RandomDumpsPerHour = 0, LifetimeH = 10, TopUpIntervalS = 30 });
        var plan = ScanPlanParser.Parse(Xanes + "\nsuspenders:\n  ring_current: { below: 250 mA, resume_at: 290 mA, settle: 60 s }", "x.yaml");

        var result = rig.Run(plan);

        Assert.AreEqual(0, result.Suspensions);
        Assert.HasCount(61, result.Points);
        Assert.IsTrue(result.Points.All(p => p.RingCurrentMa is > 295 and <= 300));
    }

    /// <summary>A tagger whose "charge" is the seconds since the clock's start at the asked time, so tests can see the time.</summary>
    private sealed class ClockTagger(DateTimeOffset start) : IScanPointTagger
    {
        public ValueTask<CellStateTag?> TagAsync(DateTimeOffset pointTime, CancellationToken ct) =>
            ValueTask.FromResult<CellStateTag?>(new CellStateTag("ch1", 3.7, 1e-4, (pointTime - start).TotalSeconds, 0.5, 1, 0, "charge"));
    }
}
