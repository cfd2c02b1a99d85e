using OperandoRig.Daemon.Beamline;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Daemon.Tests.Beamline;

[TestClass]
public sealed class DoseBudgetTests
{
    /// <summary>Two spots with a spare each; a budget of about 25 one-second counts per spot, a 61-point spectrum per spot.</summary>
    private static ScanPlan Plan(SimBeamline rig, bool spares = true)
    {
        double perCount = rig.Dose.ExposureGy(8373, 1, double.NaN);
        string budget = FormattableString.Invariant($"{perCount * 25.5 / 1e6:G6} MGy");
        return ScanPlanParser.Parse($"""
            name: two-spot
            edge: Ni K
            regions:
              - {"{"} from: -20 eV, to: 40 eV, step: 1 eV, count: 1 s {"}"}
            detectors: [det]
            spots:
              - {"{"} name: A, x: 1.0 mm, y: 0.5 mm {"}"}
              - {"{"} name: B, x: 1.2 mm, y: 0.5 mm {"}"}
            {(spares ? "spares:\n  - { name: A2, x: 1.0 mm, y: 0.51 mm }\n  - { name: A3, x: 1.0 mm, y: 0.52 mm }\n  - { name: B2, x: 1.2 mm, y: 0.51 mm }\n  - { name: B3, x: 1.2 mm, y: 0.52 mm }\n  - { name: C1, x: 1.4 mm, y: 0.5 mm }" : "")}
            dose_budget: {budget}
            """, "two-spot.yaml");
    }

    [TestMethod]
    public void RunAsync_BudgetSpentMidSpectrum_MovesToFreshSpotsAndNoSpotExceedsItsBudget()
    {
        var rig = new SimBeamline();
        var plan = Plan(rig);
        double budget = plan.DoseBudgetGy!.Value;

        var result = rig.Run(plan);

        Assert.AreEqual(ScanEndReason.Completed, result.EndReason, result.Message);
        Assert.HasCount(122, result.Points, "both spectra complete");
        Assert.IsGreaterThanOrEqualTo(4, result.SpotChanges, "61 counts at ~25 per spot take three spots per spectrum");
        foreach (var (spot, dose) in result.SpotDoseGy)
        {
            Assert.IsLessThanOrEqualTo(budget, dose, $"daemon books {dose:G4} Gy on {spot}, budget {budget:G4} Gy");
        }

        foreach (var (spot, dose) in rig.Detector.Dose.PerSpot)
        {
            Assert.IsLessThanOrEqualTo(budget, dose.DoseGy, $"the sample received {dose.DoseGy:G4} Gy on {spot}, budget {budget:G4} Gy");
        }

        Assert.AreEqual(rig.Detector.Dose.PerSpot.Count, result.SpotDoseGy.Count, "each named spot is its own spot on the sample");
        double booked = result.SpotDoseGy.Values.Sum();
        double received = rig.Detector.Dose.PerSpot.Values.Sum(d => d.DoseGy);
        Assert.IsGreaterThanOrEqualTo(received, booked, "the daemon's bound is never below what the sample received");
        Assert.IsLessThan(3 * received, booked, "and not wildly above it: 10 % of the beam stops in I0, 40-80 % of the rest is absorbed");
        var changes = result.Events.Where(e => e.Kind == "scan.spot_change").ToList();
        Assert.AreEqual("A", changes[0].Fields["from"]);
        Assert.AreEqual("A2", changes[0].Fields["to"]);
        CollectionAssert.AreEqual(Enumerable.Range(0, 122).ToArray(), result.Points.Select(p => p.PointIndex).ToArray(), "the scan continues where it was");
    }

    [TestMethod]
    public void RunAsync_NoFreshSpotLeft_EndsBeforeExceedingTheBudget()
    {
        var rig = new SimBeamline();
        var plan = Plan(rig, spares: false);
        double budget = plan.DoseBudgetGy!.Value;

        var result = rig.Run(plan);

        Assert.AreEqual(ScanEndReason.DoseBudgetExhausted, result.EndReason);
        Assert.HasCount(25, result.Points, "25 counts fit the budget of 25.5");
        StringAssert.Contains(result.Message, "spot A has");
        Assert.IsTrue(rig.Detector.Dose.PerSpot.Values.All(d => d.DoseGy <= budget));
    }

    [TestMethod]
    public void Check_SparesCloserThanTheBeamFootprint_RefusedBeforeAnythingMoves()
    {
        var rig = new SimBeamline();
        var plan = Plan(rig) with { Spares = [new ScanPosition("A2", new Dictionary<string, double> { ["x"] = 1.0, ["y"] = 0.503 })] };

        var ex = Assert.ThrowsExactly<ScanPlanException>(() => ScanChecker.Check(plan, rig.Devices));

        StringAssert.Contains(ex.Message, "'A' and 'A2' are 3 µm apart, closer than the beam footprint (5 µm)");
    }
}
