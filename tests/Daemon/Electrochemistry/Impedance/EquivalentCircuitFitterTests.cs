using System.Numerics;
using OperandoRig.Daemon.Electrochemistry.Impedance;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Impedance;

[TestClass]
public sealed class EquivalentCircuitFitterTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void Fit_ThreeArcsAndWarburgWithHalfPercentNoise_RecoversValuesWithinFourSigmaAndFivePercent(int seed)
    {
        // Arc apexes near 75 kHz, 2 kHz and 11 Hz, all inside the window.
        var circuit = EquivalentCircuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3)-W1");
        double[] truth = [25, 40, 1e-7, 0.95, 120, 2e-6, 0.88, 300, 1e-4, 0.82, 15];
        var data = SyntheticSpectrum.Of(circuit, truth, relativeNoise: 0.005, seed: seed);

        var fit = new EquivalentCircuitFitter().Fit(circuit, data, TestContext.CancellationToken);

        TestContext.WriteLine(fit.Message);
        Assert.IsTrue(fit.IsGoodFit, fit.Message);
        Assert.AreEqual(0.005, fit.RmsResidual, 0.001, "the residual is the noise");
        for (var k = 0; k < truth.Length; k++)
        {
            var p = fit.Parameters[k];
            TestContext.WriteLine($"  {p.Name}: {p.Value:G5} ± {p.StandardError:G2} (true {truth[k]:G5})");
            Assert.IsLessThan(4 * p.StandardError, Math.Abs(p.Value - truth[k]), p.Name);
            if (p.Parameter.Kind == CircuitParameterKind.ResistanceOhm)
            {
                Assert.AreEqual(truth[k], p.Value, 0.05 * truth[k], p.Name);
            }
        }
    }

    [TestMethod]
    public void Fit_RandlesWithFiniteWarburgInductanceAndNoise_RecoversResistances()
    {
        var circuit = EquivalentCircuit.Parse("L0-R0-p(R1-Ws1,CPE1)");
        double[] truth = [2e-7, 12, 80, 150, 20, 3e-5, 0.9];
        var data = SyntheticSpectrum.Of(circuit, truth, relativeNoise: 0.003, seed: 7, toHz: 0.01);

        var fit = new EquivalentCircuitFitter().Fit(circuit, data, TestContext.CancellationToken);

        TestContext.WriteLine(fit.Message);
        Assert.IsTrue(fit.IsGoodFit, fit.Message);
        Assert.AreEqual(12, fit["R0"].Value, 0.6);
        Assert.AreEqual(80, fit["R1"].Value, 4);
        Assert.AreEqual(150, fit["Ws1.R"].Value, 7.5);
        Assert.AreEqual(20, fit["Ws1.tau"].Value, 1);
        Assert.AreEqual(2e-7, fit["L0"].Value, 2e-8);
    }

    [TestMethod]
    public void Fit_WrongCircuitForThreeArcs_ReportsPoorFitWithoutThrowing()
    {
        var truth = EquivalentCircuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3)-W1");
        var data = SyntheticSpectrum.Of(truth, [25, 40, 1e-9, 0.95, 120, 5e-7, 0.88, 300, 2e-5, 0.82, 15]);

        var fit = new EquivalentCircuitFitter().Fit("R0-p(R1,C1)", data, TestContext.CancellationToken);

        TestContext.WriteLine(fit.Message);
        Assert.IsFalse(fit.IsGoodFit, fit.Message);
        Assert.IsGreaterThan(0.05, fit.RmsResidual);
        Assert.IsGreaterThan(1, fit.ChiSquared);
        Assert.Contains("poor fit", fit.Message);
        Assert.HasCount(data.Count, fit.ResidualsOhm);
    }

    [TestMethod]
    public void Fit_TwoSeriesResistors_ReportsPoorConditioningAndInfiniteErrors()
    {
        var data = SyntheticSpectrum.Of(EquivalentCircuit.Parse("R0-p(R1,C1)"), [10, 50, 1e-6]);

        var fit = new EquivalentCircuitFitter().Fit("R0-R9-p(R1,C1)", data, TestContext.CancellationToken);

        TestContext.WriteLine(fit.Message);
        Assert.IsTrue(fit.IsPoorlyConditioned, fit.Message);
        Assert.AreEqual(10, fit["R0"].Value + fit["R9"].Value, 1e-6);
        Assert.IsTrue(double.IsPositiveInfinity(fit["R0"].StandardError) || fit["R0"].RelativeStandardError > 1, $"{fit["R0"]}");
    }

    [TestMethod]
    public void Fit_NanPointsAmongData_DropsThemAndSaysSo()
    {
        var circuit = EquivalentCircuit.Parse("R0-p(R1,C1)");
        var data = SyntheticSpectrum.Of(circuit, [10, 50, 1e-6]);
        data[5] = new ImpedanceDatum(data[5].FrequencyHz, new Complex(double.NaN, 0));
        data[9] = new ImpedanceDatum(-1, 1);

        var fit = new EquivalentCircuitFitter().Fit(circuit, data, TestContext.CancellationToken);

        Assert.IsTrue(fit.IsGoodFit, fit.Message);
        Assert.HasCount(data.Count - 2, fit.Data);
        Assert.Contains("2 invalid points dropped", fit.Message);
        Assert.AreEqual(50, fit["R1"].Value, 1e-6);
    }

    [TestMethod]
    public void Fit_FewerValuesThanParameters_ReportsInsufficientData()
    {
        var circuit = EquivalentCircuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)");
        var data = SyntheticSpectrum.Of(circuit, [10, 50, 1e-6, 0.9, 100, 1e-4, 0.8], fromHz: 1000, toHz: 100, perDecade: 1);

        var fit = new EquivalentCircuitFitter().Fit(circuit, data, TestContext.CancellationToken);

        Assert.AreEqual(FitStatus.InsufficientData, fit.Status);
        Assert.IsFalse(fit.IsGoodFit);
        Assert.IsTrue(double.IsNaN(fit["R0"].Value));
    }

    [TestMethod]
    public void Fit_UserGuesses_AreUsedAndUnknownNamesRejected()
    {
        var circuit = EquivalentCircuit.Parse("R0-p(R1,CPE1)");
        var data = SyntheticSpectrum.Of(circuit, [10, 50, 1e-6, 0.9]);
        var guesses = new Dictionary<string, double> { ["R1"] = 45, ["CPE1.alpha"] = 0.85 };

        var fit = new EquivalentCircuitFitter(new EquivalentCircuitFitOptions { InitialGuesses = guesses, MaxStarts = 1 })
            .Fit(circuit, data, TestContext.CancellationToken);

        Assert.IsTrue(fit.IsGoodFit, fit.Message);
        Assert.AreEqual(50, fit["R1"].Value, 1e-6);
        var bad = new EquivalentCircuitFitter(new EquivalentCircuitFitOptions { InitialGuesses = new Dictionary<string, double> { ["R7"] = 1 } });
        var ex = Assert.ThrowsExactly<ArgumentException>(() => bad.Fit(circuit, data, TestContext.CancellationToken));
        Assert.Contains("R7", ex.Message);
        var outOfBounds = new EquivalentCircuitFitter(new EquivalentCircuitFitOptions { InitialGuesses = new Dictionary<string, double> { ["CPE1.alpha"] = 1.2 } });
        Assert.ThrowsExactly<ArgumentException>(() => outOfBounds.Fit(circuit, data, TestContext.CancellationToken));
    }

    [TestMethod]
    public void Fit_CancelledToken_ThrowsOperationCanceled()
    {
        var circuit = EquivalentCircuit.Parse("R0-p(R1,CPE1)");
        var data = SyntheticSpectrum.Of(circuit, [10, 50, 1e-6, 0.9]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsExactly<OperationCanceledException>(() => new EquivalentCircuitFitter().Fit(circuit, data, cts.Token));
    }

    [TestMethod]
    public void Fit_IdealCapacitorData_ExponentReachesItsUpperBound()
    {
        var data = SyntheticSpectrum.Of(EquivalentCircuit.Parse("R0-p(R1,C1)"), [10, 50, 1e-6]);

        var fit = new EquivalentCircuitFitter().Fit("R0-p(R1,CPE1)", data, TestContext.CancellationToken);

        Assert.IsTrue(fit.IsGoodFit, fit.Message);
        Assert.AreEqual(1, fit["CPE1.alpha"].Value, 1e-4);
        Assert.IsTrue(fit["CPE1.alpha"].IsAtBound);
        Assert.AreEqual(50, fit["R1"].Value, 0.01);
    }
}
