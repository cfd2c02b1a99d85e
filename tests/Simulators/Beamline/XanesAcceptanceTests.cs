using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

/// <summary>Acceptance: a measured Ni K XANES shows the edge shift with state of charge.</summary>
[TestClass]
public sealed class XanesAcceptanceTests(TestContext testContext)
{
    private static readonly double[] Socs = [0, 0.25, 0.5, 0.75, 1.0];

    [TestMethod]
    public void TriggerAsync_NiKScanAtEachSoc_EdgeMovesMonotonicallyByThreeEv()
    {
        var rig = new BeamlineRig();
        var grid = XanesScan.NiKGrid();
        var edges = new List<double>();

        rig.Run(async ct =>
        {
            foreach (double soc in Socs)
            {
                rig.Soc.StateOfCharge = soc;
                var mu = new List<double>();
                foreach (double e in grid)
                {
                    await rig.Mono.MoveAsync(e, ct);
                    var counts = await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(1), ct);
                    mu.Add(Math.Log(counts[SimulatedDetector.I0] / counts[SimulatedDetector.It]));
                }

                edges.Add(XanesScan.EdgePositionEv(grid, mu, 8320, 8350));
            }
        });

        for (int i = 1; i < edges.Count; i++)
        {
            Assert.IsGreaterThan(edges[i - 1], edges[i], $"edge positions {string.Join(", ", edges.Select(e => e.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} eV must rise with SOC");
        }

        double shift = edges[^1] - edges[0];
        testContext.WriteLine(FormattableString.Invariant($"Ni K edge (max dln(I0/It)/dE) at SOC 0/25/50/75/100 %: {string.Join(", ", edges.Select(e => e.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))} eV; shift {shift:F3} eV"));
        Assert.AreEqual(3.0, shift, 0.5, $"edge shift 0 -> 100 % SOC was {shift:F3} eV");
        Assert.AreEqual(8333, edges[0], 0.5, "the SOC 0 edge sits at the tabulated Ni K energy");
    }

    [TestMethod]
    public void TriggerAsync_FluorescenceAcrossNiKEdge_FollowsEdgeAbsorption()
    {
        var rig = new BeamlineRig();

        var (below, above) = rig.Run(async ct =>
        {
            await rig.Mono.MoveAsync(8300, ct);
            var b = await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(1), ct);
            await rig.Mono.MoveAsync(8400, ct);
            var a = await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(1), ct);
            return (b[SimulatedDetector.If] / b[SimulatedDetector.I0], a[SimulatedDetector.If] / a[SimulatedDetector.I0]);
        });

        Assert.IsGreaterThan(20 * below, above, $"If/I0 below {below:E3}, above {above:E3}: fluorescence must jump at the edge");
    }

    [TestMethod]
    public void AbsorptionAt_HalfChargedHalfDischargedMixture_IsTheMeanOfBoth()
    {
        var sample = new XanesSample(new XanesSampleOptions(), new FixedStateOfCharge());

        foreach (double e in new[] { 8320.0, 8333, 8336, 8345, 8400 })
        {
            double empty = sample.AbsorptionAt(e, [new SocPopulation(1, 0)]).TotalMuT;
            double full = sample.AbsorptionAt(e, [new SocPopulation(1, 1)]).TotalMuT;
            double mix = sample.AbsorptionAt(e, [new SocPopulation(0.3, 0), new SocPopulation(0.3, 1)]).TotalMuT;
            Assert.AreEqual((empty + full) / 2, mix, 1e-12, $"at {e} eV");
        }
    }

    [TestMethod]
    public void EdgeTable_ShiftsWithCharge_NiLargestCoSmallerMnNone()
    {
        Assert.AreEqual(8333, EdgeTable.NiK.EnergyEv);
        Assert.AreEqual(7709, EdgeTable.CoK.EnergyEv);
        Assert.AreEqual(6539, EdgeTable.MnK.EnergyEv);
        Assert.AreEqual(2472, EdgeTable.SK.EnergyEv);
        Assert.AreEqual(161.5, EdgeTable.SL23.EnergyEv);
        Assert.AreEqual(850, EdgeTable.NiL3.EnergyEv);
        Assert.AreEqual(528, EdgeTable.OK.EnergyEv);
        Assert.IsGreaterThan(EdgeTable.CoK.ShiftAtFullChargeEv, EdgeTable.NiK.ShiftAtFullChargeEv);
        Assert.IsGreaterThan(0, EdgeTable.CoK.ShiftAtFullChargeEv);
        Assert.AreEqual(0, EdgeTable.MnK.ShiftAtFullChargeEv);
        Assert.AreEqual(0.5, EdgeTable.SL23.ShiftAtFullChargeEv);
        Assert.AreSame(EdgeTable.NiK, EdgeTable.Find("ni", "k"));
        Assert.ThrowsExactly<ArgumentException>(() => EdgeTable.Find("U", "M5"));
    }

    [TestMethod]
    public void NormalizedAbsorption_NiL3_StepSubtractedPeakRatioRisesFromOneToSixPointEight()
    {
        var edge = EdgeTable.NiL3;
        double Peak(double e, double soc) => edge.NormalizedAbsorption(e, soc) - edge.Steps.Sum(s => s.ValueAt(e - 850));
        double Ratio(double soc) => Peak(852, soc) / Peak(850, soc);

        Assert.AreEqual(1.0, Ratio(0), 0.05);
        Assert.AreEqual(6.8, Ratio(1), 0.2);
        Assert.IsGreaterThan(Ratio(0.4), Ratio(0.6));
    }

    [TestMethod]
    public void NormalizedAbsorption_OKPreEdge_GrowsWithChargeWithoutShift()
    {
        var edge = EdgeTable.OK;

        Assert.IsGreaterThan(2 * edge.NormalizedAbsorption(528, 0), edge.NormalizedAbsorption(528, 1));
        Assert.AreEqual(edge.EdgeEnergyEvAt(0), edge.EdgeEnergyEvAt(1));
    }

    [TestMethod]
    public void NormalizedAbsorption_SK_Ps4FingerprintFadesOnCharge()
    {
        Assert.IsLessThan(EdgeTable.SK.NormalizedAbsorption(2473, 0), EdgeTable.SK.NormalizedAbsorption(2473, 1));
    }
}
