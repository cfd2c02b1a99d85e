using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Operando;

namespace OperandoRig.Simulators.Tests.Operando;

[TestClass]
public sealed class CellSampleStateTests
{
    private static readonly Dictionary<string, double> Spot = new() { ["x"] = 0, ["y"] = 0 };

    /// <summary>Edge position: the energy of the steepest rise of μ(E) across the Ni K edge, eV.</summary>
    private static double EdgeEv(XanesSample sample, double stepEv = 0.1)
    {
        double best = 0, bestSlope = double.MinValue, previous = sample.AbsorptionAt(8320, Spot).TotalMuT;
        for (var e = 8320 + stepEv; e <= 8350; e += stepEv)
        {
            var mu = sample.AbsorptionAt(e, Spot).TotalMuT;
            if (mu - previous > bestSlope)
            {
                bestSlope = mu - previous;
                best = e - (stepEv / 2);
            }

            previous = mu;
        }

        return best;
    }

    [TestMethod]
    public void AbsorptionAt_CellChargedAtC10_EdgeMovesUpMonotonicallyByAboutThreeEv()
    {
        var parameters = CellPresets.Load("lno-nmc811-lpscl-liin-rt");
        var cell = new LumpedCellModel(parameters);
        var sample = new XanesSample(new XanesSampleOptions(), new CellSampleState(cell));
        var currentA = cell.NominalCapacityAh / 10;
        var edges = new List<double> { EdgeEv(sample) };
        while (cell.AdvanceWithCurrent(currentA, 60) < parameters.TypicalUpperCutoffV)
        {
            if (edges.Count < 200 && cell.StateOfCharge > edges.Count * 0.1)
            {
                edges.Add(EdgeEv(sample));
            }
        }

        edges.Add(EdgeEv(sample));
        for (var i = 1; i < edges.Count; i++)
        {
            Assert.IsGreaterThanOrEqualTo(edges[i - 1], edges[i], $"edge went back at point {i}: {string.Join(", ", edges)}");
        }

        var shift = edges[^1] - edges[0];
        Assert.IsTrue(shift is > 1.0 and < 3.5, $"edge shift {shift:F2} eV over the charge to SOC {cell.StateOfCharge:F2} (the window does not reach 100 %)");
    }

    [TestMethod]
    public void PopulationsAt_UncoatedCellAfterCycling_IsolatedRegionsKeepTheSpectrumAboveTheConnectedOnes()
    {
        var parameters = CellPresets.Load("nmc811-lpscl-liin-rt");
        var cell = new LumpedCellModel(parameters);
        var currentA = cell.NominalCapacityAh / 10;
        for (var cycle = 0; cycle < 100; cycle++)
        {
            while (cell.AdvanceWithCurrent(currentA, 60) < parameters.TypicalUpperCutoffV) { }
            while (cell.AdvanceWithCurrent(-currentA, 60) > parameters.TypicalLowerCutoffV) { }
        }

        var state = new CellSampleState(cell);
        var populations = state.PopulationsAt(Spot);
        Assert.AreEqual(1, populations.Sum(p => p.Fraction), 1e-9, "the beam sees the whole electrode");
        var meanSoc = populations.Sum(p => p.Fraction * p.StateOfCharge);
        Assert.IsGreaterThan(cell.WellConnected.StateOfCharge, meanSoc, "cut-off particles stay at a higher state of charge when the cell is discharged");
        var mixture = EdgeEv(new XanesSample(new XanesSampleOptions(), state), 0.01);
        var connectedOnly = EdgeEv(new XanesSample(new XanesSampleOptions(), new FixedStateOfCharge(cell.WellConnected.StateOfCharge)), 0.01);
        Assert.IsGreaterThan(connectedOnly, mixture, $"mixture edge {mixture:F2} eV vs connected-only {connectedOnly:F2} eV");
    }

    [TestMethod]
    public void FullChargeSoc_Nmc811Preset_IsWhereTheCathodeReaches4Point2VVsLi()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt"));
        var state = new CellSampleState(cell);
        Assert.AreEqual(0.86 + (0.04 * (4.2 - 4.15) / (4.24 - 4.15)), state.FullChargeSoc, 1e-12, "OCV 4.15 V at 86 %, 4.24 V at 90 % vs Li");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CellSampleState(cell, 6.0));
    }

    [TestMethod]
    public void AbsorptionAt_ConnectedCellChargedTo4Point2VVsLi_EdgeMovesByThreeEv()
    {
        // Every particle connected: the spectrum is the particles' own; charged at C/10 until the cathode's open-circuit
        // potential would be 4.2 V vs Li (the practical window's top), the Ni K edge has moved by its full ≈ 3 eV.
        var parameters = CellPresets.Load("nmc811-lpscl-liin-rt") with
        {
            Populations = new PopulationParameters { WellConnectedFraction = 1, PoorlyConnectedFraction = 0, IsolatedFraction = 0 },
        };
        var cell = new LumpedCellModel(parameters);
        var state = new CellSampleState(cell);
        var sample = new XanesSample(new XanesSampleOptions(), state);
        var start = EdgeEv(sample, 0.01);
        var half = double.NaN;
        while (cell.WellConnected.StateOfCharge < state.FullChargeSoc)
        {
            cell.AdvanceWithCurrent(cell.NominalCapacityAh / 10, 10);
            if (double.IsNaN(half) && cell.WellConnected.StateOfCharge >= state.FullChargeSoc / 2)
            {
                half = EdgeEv(sample, 0.01);
            }
        }

        var end = EdgeEv(sample, 0.01);
        Assert.AreEqual(3.0, end - start, 0.15, $"edge {start:F2} -> {end:F2} eV at SOC {cell.WellConnected.StateOfCharge:F3}");
        Assert.AreEqual(1.5, half - start, 0.25, "linear in the oxidation state: half way at half the window");

        // The preset as it is, a third of the particles electrically isolated at their pristine state: on the first charge from
        // open circuit to 4.2 V vs Li the bulk edge (steepest rise of the mixture, dominated by the connected majority) still
        // moves by about 3 eV, as the domain notes say.
        var real = new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt"));
        var realSample = new XanesSample(new XanesSampleOptions(), new CellSampleState(real));
        var realStart = EdgeEv(realSample, 0.01);
        while (real.WellConnected.StateOfCharge < state.FullChargeSoc)
        {
            real.AdvanceWithCurrent(real.NominalCapacityAh / 10, 10);
        }

        var realShift = EdgeEv(realSample, 0.01) - realStart;
        Assert.IsTrue(realShift is > 2.5 and < 3.3, $"bulk edge shift {realShift:F2} eV with {real.Isolated.Fraction:P0} of the particles isolated");
    }
}
