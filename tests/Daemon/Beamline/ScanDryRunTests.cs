using System.Globalization;
using OperandoRig.Daemon.Beamline;

namespace OperandoRig.Daemon.Tests.Beamline;

[TestClass]
public sealed class ScanDryRunTests
{
    /// <summary>Dry run and execution may differ only by the whole-millisecond rounding of each virtual wait (at most
    /// three per point: move, settle, count): the stated tolerance is 3 ms per point plus 5 ms for the shutter.</summary>
    private static double Tolerance(DryRunResult dry) => 0.005 + (0.003 * dry.Points);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("xanes", "edge: Ni K\nregions:\n  - { from: -150 eV, to: -20 eV, step: 5 eV, count: 1 s }\n  - { from: -20 eV, to: 40 eV, step: 0.5 eV, count: 2 s }\n  - { from: 40 eV, to: 150 eV, step: 5 eV, count: 1 s }\ndetectors: [det]\nsettle: 20 ms\nsweeps: 2")]
    [DataRow("exafs", "edge: Ni K\nregions:\n  - { from: -50 eV, to: 30 eV, step: 1 eV, count: 500 ms }\n  - { from: 3 Å⁻¹, to: 12 Å⁻¹, step: 0.05 Å⁻¹, count: 500 ms, k_weight: 2, max_count: 5 s }\ndetectors: [det]")]
    [DataRow("spots", "edge: Ni K\nregions:\n  - { from: -20 eV, to: 40 eV, step: 1 eV, count: 1 s }\ndetectors: [det]\nspots:\n  - { name: A, x: 1 mm, y: 0.5 mm }\n  - { name: B, x: -2 mm, y: 3 mm }")]
    [DataRow("map", "energies: [8340 eV, 8350 eV]\ncount: 200 ms\ndetectors: [det]\norder: stack\nmap:\n  y: { from: 0 mm, to: 50 µm, step: 10 µm }\n  x: { from: 0 mm, to: 50 µm, step: 10 µm }\n  snake: true")]
    public void Estimate_PlanExecutedOnTheSimulator_DurationMatchesWithinTolerance(string name, string yaml)
    {
        var rig = new SimBeamline();
        var plan = ScanPlanParser.Parse(yaml, name + ".yaml");
        var dry = ScanDryRun.Estimate(plan, rig.Timing, rig.Dose, rig.MonoOptions.InitialEnergyEv, new Dictionary<string, double> { ["x"] = 0, ["y"] = 0, ["z"] = 0 });

        var run = rig.Run(plan);

        Assert.AreEqual(ScanEndReason.Completed, run.EndReason, run.Message);
        Assert.AreEqual(run.Points.Count, dry.Points);
        double diff = run.DeadTime.TotalS - dry.DurationS;
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: dry run {dry.DurationS:F3} s, executed {run.DeadTime.TotalS:F3} s, difference {diff * 1e3:F1} ms over {dry.Points} points (tolerance {Tolerance(dry) * 1e3:F0} ms); {dry.Message}"));
        Assert.AreEqual(dry.DurationS, run.DeadTime.TotalS, Tolerance(dry));
        Assert.AreEqual(dry.DeadTime.CountS, run.DeadTime.CountS, 1e-6);
        Assert.AreEqual(dry.DeadTime.MovesS, run.DeadTime.MovesS, Tolerance(dry));
        Assert.AreEqual(dry.DeadTime.SettleS, run.DeadTime.SettleS, Tolerance(dry));
        Assert.AreEqual(dry.DeadTime.ReadoutS, run.DeadTime.ReadoutS, Tolerance(dry));
    }

    [TestMethod]
    public void Estimate_DoseBudgetWithSpares_PredictsTheSameSpotChangesAsTheRun()
    {
        var rig = new SimBeamline();
        double perCount = rig.Dose.ExposureGy(8373, 1, double.NaN);
        var plan = ScanPlanParser.Parse(FormattableString.Invariant($"""
            edge: Ni K
            regions: [{"{"} from: -20 eV, to: 40 eV, step: 1 eV, count: 1 s {"}"}]
            detectors: [det]
            spots: [{"{"} name: A, x: 1 mm, y: 0.5 mm {"}"}]
            spares: [{"{"} name: A2, x: 1 mm, y: 0.51 mm {"}"}, {"{"} name: A3, x: 1 mm, y: 0.52 mm {"}"}]
            dose_budget: {perCount * 25.5:G8} Gy
            """), "dose.yaml");

        var dry = ScanDryRun.Estimate(plan, rig.Timing, rig.Dose, rig.MonoOptions.InitialEnergyEv, new Dictionary<string, double> { ["x"] = 0, ["y"] = 0 });
        var run = rig.Run(plan);

        Assert.AreEqual(2, dry.SpotChanges);
        Assert.AreEqual(run.SpotChanges, dry.SpotChanges);
        CollectionAssert.AreEquivalent(run.SpotDoseGy.Keys.ToArray(), dry.SpotDoseGy.Keys.ToArray());
        Assert.AreEqual(dry.DurationS, run.DeadTime.TotalS, Tolerance(dry));
    }

    [TestMethod]
    public void Estimate_NoSparesLeft_PredictsTheBudgetEnd()
    {
        var rig = new SimBeamline();
        double perCount = rig.Dose.ExposureGy(8373, 1, double.NaN);
        var plan = ScanPlanParser.Parse(FormattableString.Invariant(
            $"edge: Ni K\nregions: [{{ from: -20 eV, to: 40 eV, step: 1 eV, count: 1 s }}]\ndetectors: [det]\nspots: [{{ name: A, x: 1 mm }}]\ndose_budget: {perCount * 10.5:G8} Gy"), "d.yaml");

        var dry = ScanDryRun.Estimate(plan, rig.Timing, rig.Dose);

        Assert.AreEqual(ScanEndReason.DoseBudgetExhausted, dry.EndReason);
        Assert.AreEqual(10, dry.Points);
        StringAssert.Contains(dry.Message, "no fresh spot is left");
    }
}
