using System.Globalization;
using OperandoRig.Daemon.Beamline;

namespace OperandoRig.Daemon.Tests.Beamline;

/// <summary>The example plans in config/scans load, pass the beamline check and dry-run.</summary>
[TestClass]
public sealed class ExampleScanPlansTests
{
    public TestContext TestContext { get; set; } = null!;

    private static ScanPlan Load(string file) => ScanPlanParser.Load(Path.Combine(RepoPaths.Root, "config", "scans", file));

    [TestMethod]
    public void Load_EveryExamplePlan_PassesTheCheckAndDryRuns()
    {
        var rig = new SimBeamline();
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "config", "scans"), "*.yaml");
        Assert.IsGreaterThanOrEqualTo(4, files.Length);
        foreach (var file in files)
        {
            var plan = ScanPlanParser.Load(file);
            ScanChecker.Check(plan, rig.Devices);
            var dry = ScanDryRun.Estimate(plan, rig.Timing, rig.Dose, rig.MonoOptions.InitialEnergyEv, new Dictionary<string, double> { ["x"] = 0, ["y"] = 0 });
            TestContext.WriteLine($"{Path.GetFileName(file)}: {dry.Message}");
            Assert.AreEqual(ScanEndReason.Completed, dry.EndReason, $"{file}: {dry.Message}");
            Assert.IsGreaterThan(0.0, dry.DurationS);
        }
    }

    [TestMethod]
    public void Load_NiKXanes_CoversPreEdgeToPostEdgeWithHalfEvStepsAcrossTheEdge()
    {
        var plan = Load("ni-k-xanes.yaml");

        Assert.AreEqual(8183, plan.Energies[0].EnergyEv, 1e-9);
        Assert.AreEqual(8483, plan.Energies[^1].EnergyEv, 1e-9);
        var edge = plan.Energies.Where(e => e.EnergyEv is >= 8313 and <= 8373).ToList();
        Assert.IsTrue(edge.Zip(edge.Skip(1)).All(p => Math.Abs(p.Second.EnergyEv - p.First.EnergyEv - 0.5) < 1e-9));
        Assert.AreEqual(2, plan.Suspenders.Count);
    }

    [TestMethod]
    public void Load_ExafsToK12_CountTimeRisesAsKSquaredToTheCap()
    {
        var plan = Load("ni-k-exafs-k12.yaml");
        var k = plan.Energies.Where(e => e.K is not null).ToList();

        Assert.AreEqual(12, k[^1].K!.Value, 1e-9);
        Assert.AreEqual(8333 + (3.81 * 144), k[^1].EnergyEv, 1e-6);
        Assert.AreEqual(8, k[^1].CountTimeS, 1e-12, "(12/3)^2 = 16 s capped at 8 s");
        var at6 = k.Single(p => Math.Abs(p.K!.Value - 6) < 1e-6);
        Assert.AreEqual(4, at6.CountTimeS, 1e-9);
        for (var i = 1; i < k.Count; i++)
        {
            Assert.IsGreaterThanOrEqualTo(k[i - 1].CountTimeS, k[i].CountTimeS);
        }
    }

    [TestMethod]
    public void RunAsync_TwoSpotXanesOnTheSimulator_BothSpotsMeasuredWithinTheBudget()
    {
        var rig = new SimBeamline();
        var plan = Load("ni-k-xanes-2spot.yaml");

        var result = rig.Run(plan);

        Assert.AreEqual(ScanEndReason.Completed, result.EndReason, result.Message);
        Assert.AreEqual(plan.PointCount, result.Points.Count);
        Assert.IsGreaterThanOrEqualTo(4, result.SpotChanges, "a 30 MGy spectrum needs three 10 MGy spots");
        Assert.IsTrue(result.SpotDoseGy.Values.All(d => d <= 10e6));
        Assert.IsTrue(rig.Detector.Dose.PerSpot.Values.All(d => d.DoseGy <= 10e6));
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"spots used: {string.Join(", ", result.SpotDoseGy.Select(p => $"{p.Key} {p.Value / 1e6:F2} MGy"))}; dead time {result.DeadTime.DeadFraction:P1}"));
    }
}
