using System.Globalization;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Operando.Plans;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Operando;

/// <summary>
/// Acceptance (b): three cells on three channels of one holder share one beam. Every trigger is served exactly once,
/// waits are recorded, the beam serves one scan at a time, and a waiting cell is held by its hold policy.
/// </summary>
[TestClass]
public sealed class MultiCellArbitrationTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Protocol = """
        name: c2-charge-rest-discharge
        cell: { capacity: 1 mAh }
        steps:
          - Charge at C/2 until 4.3 V or 150 min
          - Rest for 10 min
          - Discharge at C/2 until 3.2 V or 150 min
        """;

    private static string Plan(string order) => $$"""
        operando:
          name: three-cells-one-beam
          beam: { order: {{order}}, max_wait: 20 min }
          scans: { xanes: c2.yaml }
          cells:
            - channel: ch1
              protocol: c2.yaml
              soc: { capacity: 1 mAh, start: 0 % }
              spots: [ch1.A, ch1.B]
              triggers:
                - name: ladder
                  when: { soc: [20 %, 40 %, 60 %, 80 %], on: charge }
                  do: [{ hold: open_circuit }, { settle: 2 min }, { scan: xanes }, resume]
            - channel: ch2
              protocol: c2.yaml
              soc: { capacity: 1 mAh, start: 0 % }
              spots: [ch2-a, ch2-b]
              triggers:
                - name: ladder
                  when: { soc: [20 %, 40 %, 60 %, 80 %], on: charge }
                  do: [{ hold: hold_voltage }, { scan: xanes }, resume]
            - channel: ch3
              protocol: c2.yaml
              soc: { capacity: 1 mAh, start: 0 % }
              priority: 5
              spots: [ch3-a, ch3-b]
              triggers:
                - name: ladder
                  when: { soc: [20 %, 40 %, 60 %, 80 %], on: charge }
                  do: [{ hold: open_circuit }, { scan: xanes }, resume]
                - name: discharged-half
                  when: { soc: [50 %], on: discharge }
                  do: [{ hold: open_circuit }, { scan: { plan: xanes, spots: [ch3-a] } }, resume]
        """;

    [TestMethod]
    [DataRow("first_come")]
    [DataRow("priority")]
    public async Task RunAsync_ThreeCellsOneBeam_EveryTriggerServedOnceAndWaitsRecorded(string order)
    {
        await using var rig = await OperandoSimRig.CreateAsync();
        rig.WriteFile("c2.yaml", Protocol);
        var plan = OperandoPlanParser.Load(rig.WriteFile("plan.yaml", Plan(order)));
        foreach (var id in new[] { "ch1", "ch2", "ch3" })
        {
            rig.WithCell(id, new SimpleTheveninCell(new SimpleTheveninCellParameters { CapacityAh = 1e-3, InitialStateOfCharge = 0.02 }));
        }

        // 10 points x 60 s = 10 min per scan, 20 min per trigger (two spots): the three cells collide at every level.
        var scans = new FakeScanExecutor(rig.Clock, 10, 60, id => rig.Runners[id].State.ToString());
        OperandoExperiment? experiment = null;
        rig.Run(async ct =>
        {
            await rig.StartAsync();
            experiment = new OperandoExperiment(plan, id => rig.Runners[id], rig.Feed, rig.Services(plan.Beam, scans));
            await experiment.RunAsync(ct);
        });

        var log = rig.Events;
        foreach (var s in experiment!.Sessions)
        {
            var expected = s.Plan.ChannelId == "ch3" ? 5 : 4;
            Assert.AreEqual(expected, s.Fired, $"{s.Plan.ChannelId} fired");
            Assert.AreEqual(expected, s.Served, $"{s.Plan.ChannelId} served");
            Assert.AreEqual(0, s.Unserved, $"{s.Plan.ChannelId} unserved");
            Assert.AreEqual(RunState.Finished, rig.Runners[s.Plan.ChannelId].State, rig.Runners[s.Plan.ChannelId].EndReason);
        }

        var triggers = log.OfKind("operando.trigger").Select(e => e.Fields["trigger_id"]).ToList();
        Assert.HasCount(13, triggers);
        Assert.HasCount(13, triggers.Distinct());
        var markers = log.OfKind("operando.scan");
        Assert.HasCount(25, markers, "two spots per firing, one for the discharge trigger");
        foreach (var id in triggers)
        {
            var forTrigger = markers.Where(m => m.Fields["trigger_id"] == id).Select(m => m.Fields["spot"]).ToList();
            Assert.AreEqual(forTrigger.Count, forTrigger.Distinct().Count(), $"{id} served twice at a spot");
            Assert.IsGreaterThan(0, forTrigger.Count, $"{id} lost");
        }

        var grants = log.OfKind("beam.grant");
        Assert.HasCount(13, grants, "one grant per firing");
        CollectionAssert.AreEquivalent(triggers, grants.Select(g => g.Fields["request_id"]).ToList());
        var waits = grants.Select(g => double.Parse(g.Fields["waited_s"], CultureInfo.InvariantCulture)).ToList();
        Assert.IsGreaterThan(0, waits.Count(w => w > 0), "cells collided and waited");
        Assert.AreEqual(1, scans.MaxConcurrent, "one beam: one scan at a time");
        foreach (var scan in scans.Scans)
        {
            Assert.IsTrue(scan.States.All(st => st == nameof(RunState.Paused)), $"{scan.Request.ScanId}: the cell was held while scanned: {string.Join(",", scan.States)}");
        }

        // A waiting cell is held: its hold comes before its beam request, its resume after its beam release.
        foreach (var id in triggers)
        {
            var hold = log.Events.Single(e => e.Kind == "operando.hold" && e.Fields["trigger_id"] == id).TimeUnixS;
            var request = log.Events.Single(e => e.Kind == "beam.request" && e.Fields["request_id"] == id).TimeUnixS;
            var release = log.Events.Single(e => e.Kind == "beam.release" && e.Fields["request_id"] == id).TimeUnixS;
            var resume = log.Events.Single(e => e.Kind == "operando.resume" && e.Fields["trigger_id"] == id).TimeUnixS;
            Assert.IsTrue(hold <= request && release <= resume, $"{id}: hold {hold}, request {request}, release {release}, resume {resume}");
        }

        // Every point is tagged; held at open circuit, a cell's SOC does not move during its scans.
        var lags = new List<double>();
        foreach (var id in triggers)
        {
            var fired = log.Events.Single(e => e.Kind == "operando.trigger" && e.Fields["trigger_id"] == id);
            var hold = log.Events.Single(e => e.Kind == "operando.hold" && e.Fields["trigger_id"] == id);
            lags.Add(hold.TimeUnixS - double.Parse(fired.Fields["trigger_time_unix_s"], CultureInfo.InvariantCulture));
        }

        foreach (var scan in scans.Scans)
        {
            Assert.IsTrue(scan.Tags.All(t => t is not null), $"{scan.Request.ScanId}: every point is tagged");
            if (scan.Request.ChannelId != "ch2")
            {
                Assert.AreEqual(scan.Tags[0]!.Soc, scan.Tags[^1]!.Soc, 1e-6, $"{scan.Request.ScanId}: open circuit holds the SOC");
            }
        }

        Assert.IsTrue(lags.All(l => l is >= 0 and <= 10), "each cell is held within one sample period (10 s) of the sample that fired");
        TestContext.WriteLine(FormattableString.Invariant($"trigger sample -> hold: {string.Join(", ", lags.Select(l => l.ToString("0.#", CultureInfo.InvariantCulture)))} s"));

        TestContext.WriteLine(FormattableString.Invariant($"{order}: {grants.Count} grants, waits {string.Join(", ", waits.Select(w => w.ToString("0", CultureInfo.InvariantCulture)))} s; max {waits.Max():0} s"));
        foreach (var g in grants)
        {
            TestContext.WriteLine($"{g.Fields["request_id"]}: {g.Message}");
        }
    }
}
