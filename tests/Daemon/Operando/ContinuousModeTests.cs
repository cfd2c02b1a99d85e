using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Operando.Plans;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Operando;

/// <summary>
/// Continuous mode: XANES every 100 min while an NMC811 cell charges at C/10, the current never interrupted. Each point
/// is tagged with the state interpolated at its own time (the tagger waits for the sample after it), so the SOC rises
/// through every scan, and each tag matches the simulator's charge at that instant.
/// </summary>
[TestClass]
public sealed class ContinuousModeTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunAsync_ScansWhileCharging_PointsCarryTheirOwnStateAndTheCurrentNeverStops()
    {
        await using var rig = await OperandoSimRig.CreateAsync();
        rig.WriteFile("charge.yaml", """
            name: c10-charge
            cell: { active_mass: 3.0 mg, specific_capacity: 200 mAh/g }
            steps:
              - Charge at C/10 until 3.7 V or 6 h
              - Rest for 10 min
            """);
        var scanPlan = Path.Combine(RepoPaths.Root, "config", "scans", "ni-k-xanes.yaml");
        var plan = OperandoPlanParser.Load(rig.WriteFile("plan.yaml", $$"""
            operando:
              scans: { xanes: {{scanPlan}} }
              cells:
                - channel: ch1
                  protocol: charge.yaml
                  soc: { capacity: 0.6 mAh }
                  mode: continuous
                  spots: [ch1.A]
                  triggers:
                    - name: periodic
                      when: { every: 100 min }
                      do: [{ scan: xanes }]
            """));
        var lumped = new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt"));
        var truth = new TruthRecordingCell(lumped);
        rig.WithCell("ch1", truth, samplePeriodS: 10);
        var beamline = new SimXanesBeamline(rig.Clock, lumped, plan.ScanPlans);
        OperandoExperiment? experiment = null;

        rig.Run(async ct =>
        {
            await rig.StartAsync();
            experiment = new OperandoExperiment(plan, id => rig.Runners[id], rig.Feed, rig.Services(plan.Beam, beamline.Executor));
            await experiment.RunAsync(ct);
        });

        var session = experiment!.Sessions.Single();
        Assert.AreEqual(RunState.Finished, rig.Runners["ch1"].State);
        Assert.AreEqual(0, session.Unserved);
        Assert.IsGreaterThanOrEqualTo(3, beamline.Sink.Scans.Count, "scans every 100 min of a 6 h charge");
        Assert.IsEmpty(rig.Events.OfKind("operando.hold"), "continuous: the cell is never held");
        var samples = session.Window.Since(0).ToList();
        var t0 = samples[0].TimeUnixS;
        var worst = 0.0;
        foreach (var scan in beamline.Sink.Scans)
        {
            var points = scan.Points;
            Assert.IsTrue(points.All(p => p.Tag is { CurrentA: > 5e-5 }), $"{scan.ScanId}: measured under the C/10 current (60 uA)");
            Assert.IsGreaterThan(points[0].Tag!.Soc + 0.005, points[^1].Tag!.Soc, $"{scan.ScanId}: SOC rises through the scan");
            foreach (var p in points)
            {
                var truthSoc = truth.ChargeAtAh(p.TimeUnixS + (p.CountTimeS / 2) - t0) / 0.6e-3;
                worst = Math.Max(worst, Math.Abs(p.Tag!.Soc - truthSoc));
            }
        }

        Assert.IsLessThan(0.005, worst, $"largest |tag SOC - simulator SOC| {worst:P4}");
        var dead = beamline.Sink.Scans.Average(s => s.DeadTime.DeadFraction);
        TestContext.WriteLine(FormattableString.Invariant($"{beamline.Sink.Scans.Count} scans under current; largest |tag - truth| {worst * 100:F5} % SOC; mean dead time {dead:P1} (tags wait for the sample after each point, 10 s period)"));
    }
}
