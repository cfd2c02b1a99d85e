using OperandoRig.Daemon.Electrochemistry.Analytics;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Analytics;

[TestClass]
public sealed class DifferentialCapacityTests
{
    private const double CapacityAh = 1e-3;

    /// <summary>
    /// OCV of a synthetic cell vs the fraction x of its capacity: a slope 3.0 → 3.4 V (x 0..0.2), a plateau
    /// 3.40 → 3.42 V holding 60 % of the capacity (x 0.2..0.8), a slope 3.42 → 3.8 V (x 0.8..1).
    /// </summary>
    private static double OcvV(double x) => x switch
    {
        < 0.2 => 3.0 + (2.0 * x),
        < 0.8 => 3.40 + (0.02 * (x - 0.2) / 0.6),
        _ => 3.42 + (1.9 * (x - 0.8)),
    };

    private static SyntheticRun PlateauRun(double noiseV, int seed = 7)
    {
        var noise = new Random(seed);
        double Noisy(double v) => v + (noiseV * 2 * (noise.NextDouble() - 0.5));
        return new SyntheticRun(5)
            .Cc(1, CapacityAh, 3600, t => Noisy(OcvV(t / 3600) + 0.005))
            .Step(1, "rest", 600, _ => 0, _ => Noisy(OcvV(1)))
            .Cc(1, -CapacityAh, 3600, t => Noisy(OcvV(1 - (t / 3600)) - 0.005));
    }

    [TestMethod]
    public void Compute_NoisyCellWithPlateau_PeaksAtThePlateauAndAreaEqualsTheCapacity()
    {
        var run = PlateauRun(noiseV: 0.002);
        const double BinV = 0.01;

        var curve = DifferentialCapacity.Compute(run.Samples, 1, CycleDirection.Charge, new DifferentialCapacityOptions { BinWidthV = BinV });

        var peak = curve.MaxBy(p => p.DqDvAhPerV);
        Assert.AreEqual(3.415, peak.VoltageV, 0.011, "peak on the charge plateau (3.405..3.425 V)");
        // 0.6 mAh spread over ~20 mV of plateau: ~0.03 Ah/V.
        Assert.AreEqual(0.6e-3 / 0.02, peak.DqDvAhPerV, 0.3 * 0.6e-3 / 0.02);
        var areaAh = curve.Sum(p => p.DqDvAhPerV * BinV);
        Assert.AreEqual(CapacityAh, areaAh, CapacityAh * 0.02);
        var analyzed = CycleAnalyzer.Summarize(run.Samples).Single();
        Assert.AreEqual(analyzed.ChargeCapacityAh, areaAh, 1e-12, "binning neither creates nor loses charge");
        Assert.IsTrue(curve.All(p => p.DqDvAhPerV >= 0));
        Assert.IsTrue(curve.Zip(curve.Skip(1)).All(pair => pair.Second.VoltageV > pair.First.VoltageV), "ascending voltage");
    }

    [TestMethod]
    public void Compute_DischargeDirection_CountsOnlyNegativeCurrentAndPeaksBelowTheChargePeak()
    {
        var run = PlateauRun(noiseV: 0.0);
        var options = new DifferentialCapacityOptions { BinWidthV = 0.005 };

        var charge = DifferentialCapacity.Compute(run.Samples, 1, CycleDirection.Charge, options);
        var discharge = DifferentialCapacity.Compute(run.Samples, 1, CycleDirection.Discharge, options);

        Assert.AreEqual(CapacityAh, discharge.Sum(p => p.DqDvAhPerV * 0.005), 1e-12);
        var chargePeakV = PeakCentroidV(charge);
        var dischargePeakV = PeakCentroidV(discharge);
        Assert.AreEqual(3.415, chargePeakV, 0.001);
        Assert.AreEqual(3.405, dischargePeakV, 0.001);
    }

    /// <summary>Charge-weighted mean voltage of the bins above half the maximum.</summary>
    private static double PeakCentroidV(IReadOnlyList<DqDvPoint> curve)
    {
        var half = curve.Max(p => p.DqDvAhPerV) / 2;
        var top = curve.Where(p => p.DqDvAhPerV > half).ToList();
        return top.Sum(p => p.VoltageV * p.DqDvAhPerV) / top.Sum(p => p.DqDvAhPerV);
    }

    [TestMethod]
    public void Compute_CycleWithoutChargeInThatDirection_ReturnsEmpty()
    {
        var run = new SyntheticRun(10).Cc(1, 1e-3, 3600, _ => 3.7);

        Assert.IsEmpty(DifferentialCapacity.Compute(run.Samples, 1, CycleDirection.Discharge));
        Assert.IsEmpty(DifferentialCapacity.Compute(run.Samples, 2, CycleDirection.Charge));
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(1e-5)]
    [DataRow(1.0)]
    [DataRow(double.NaN)]
    public void Compute_BinWidthOutOfRange_ThrowsNamingTheRange(double binV)
    {
        var run = new SyntheticRun(10).Cc(1, 1e-3, 60, _ => 3.7);

        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            DifferentialCapacity.Compute(run.Samples, 1, CycleDirection.Charge, new DifferentialCapacityOptions { BinWidthV = binV }));

        Assert.Contains("BinWidthV", e.Message);
        Assert.Contains("0.0001..0.5 V", e.Message);
    }
}
