using System.Globalization;
using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Impedance;

/// <summary>
/// Acceptance: the fitter recovers the simulator's own resistances from its EIS spectrum (1 MHz → 100 mHz, 10 points
/// per decade) after cycling has grown the interphase.
/// </summary>
[TestClass]
public sealed class PresetSpectrumFitTests
{
    /// <summary>
    /// The model's equivalent circuit in the measured window: the particle branch (contact resistance + finite Warburg
    /// + chemical capacitance) is a semi-infinite Warburg in series with a capacitor there (τ_W ≫ 10 s).
    /// </summary>
    private const string ModelCircuit = "R0-p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3)-W1-C1";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("nmc83-lpscl-limg-60c")]
    [DataRow("nmc811-lpscl-liin-rt")]
    public void Fit_PresetSpectrumAfterCycling_RecoversModelResistancesWithin5Percent(string preset)
    {
        var cell = CycledCell.Create(preset, cycles: 10, restSoc: 0.5);
        var e = cell.Elements;
        Assert.IsGreaterThan(cell.Parameters.Impedance.InterphaseResistanceOhm * 1.5, e.InterphaseResistanceOhm, "the interphase has grown");

        var fit = new EquivalentCircuitFitter().Fit(ModelCircuit, CycledCell.Spectrum(cell), TestContext.CancellationToken);

        TestContext.WriteLine(fit.Message);
        Assert.IsTrue(fit.Converged, fit.Message);
        Assert.IsTrue(fit.IsGoodFit, fit.Message);
        Assert.IsFalse(fit.IsPoorlyConditioned, fit.Message);
        // A series resistance cannot be told apart from another one: R0 is the bulk plus the particles' contact
        // resistance (the high-frequency limit of the particle branch, well ‖ poorly connected).
        AssertWithin(fit, "R0", e.BulkResistanceOhm + ContactResistanceOhm(cell), 0.05);
        AssertWithin(fit, "R1", e.GrainBoundaryResistanceOhm, 0.05);
        AssertWithin(fit, "R2", e.InterphaseResistanceOhm, 0.05);
        AssertWithin(fit, "R3", e.ChargeTransferResistanceOhm, 0.05);
        AssertWithin(fit, "CPE1.alpha", e.GrainBoundaryCpeExponent, 0.05);
        AssertWithin(fit, "CPE2.alpha", e.InterphaseCpeExponent, 0.05);
        AssertWithin(fit, "CPE3.alpha", e.DoubleLayerCpeExponent, 0.05);
        AssertWithin(fit, "W1.sigma", e.WarburgCoefficientOhmSqrtS, 0.05);
        var bulkOnly = (fit["R0"].Value / e.BulkResistanceOhm) - 1;
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  R0 vs R_bulk alone: {bulkOnly:P2}"));
    }

    [TestMethod]
    public void Fit_PresetSpectrumWithoutSeriesCapacitor_StillGoodButBulkAndGrainBoundaryLessCertain()
    {
        // Leaving out the particles' chemical capacitance (the brief's circuit) is a good fit by the usual standards,
        // but the small low-frequency misfit leaks into the badly separated R_bulk/R_gb pair (the grain-boundary arc
        // peaks above 1 MHz): their errors are larger.
        var cell = CycledCell.Create("nmc811-lpscl-liin-rt", cycles: 10, restSoc: 0.5);
        var e = cell.Elements;

        var fit = new EquivalentCircuitFitter().Fit("R0-p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3)-W1", CycledCell.Spectrum(cell), TestContext.CancellationToken);

        TestContext.WriteLine(fit.Message);
        Assert.IsTrue(fit.IsGoodFit, fit.Message);
        AssertWithin(fit, "R2", e.InterphaseResistanceOhm, 0.05);
        AssertWithin(fit, "R3", e.ChargeTransferResistanceOhm, 0.05);
        Assert.IsGreaterThan(fit["R2"].StandardError * 5, fit["R1"].StandardError);
    }

    /// <summary>Contact resistance of the connected particles at the reference temperature: well ‖ poorly connected.</summary>
    private static double ContactResistanceOhm(LumpedCellModel cell)
    {
        var pop = cell.Parameters.Populations;
        var well = pop.WellConnectedContactResistanceOhm / cell.WellConnected.Fraction;
        var poor = pop.PoorlyConnectedContactResistanceOhm / cell.PoorlyConnected.Fraction;
        return well * poor / (well + poor);
    }

    private void AssertWithin(EquivalentCircuitFit fit, string name, double expected, double relative)
    {
        var p = fit[name];
        var error = (p.Value / expected) - 1;
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name}: fitted {p.Value:G6} ± {p.StandardError:G2} {p.Parameter.Unit}, model {expected:G6}, error {error:P3}"));
        Assert.IsLessThanOrEqualTo(relative, Math.Abs(error), $"{name}: fitted {p.Value}, model {expected}");
    }
}
