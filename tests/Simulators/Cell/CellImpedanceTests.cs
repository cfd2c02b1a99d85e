using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Tests.Cell;

[TestClass]
public sealed class CellImpedanceTests
{
    public TestContext TestContext { get; set; } = null!;

    private static LumpedCellModel SinglePopulationCell()
    {
        var p = CellPresets.Load("nmc83-lpscl-limg-60c");
        return new LumpedCellModel(p with
        {
            Populations = new PopulationParameters { WellConnectedFraction = 1, WellConnectedContactResistanceOhm = 0.1 },
            Degradation = new DegradationParameters(),
            Ocv = p.Ocv with { HysteresisHalfWidthV = 0, HysteresisGrowthVPerNm = 0 },
        });
    }

    [TestMethod]
    public void ImpedanceOhm_VeryHighFrequency_TendsToBulkResistance()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc83-lpscl-limg-60c"));
        var z = cell.ImpedanceOhm(1e9);

        // Every capacitor is a short there: what is left is R_bulk plus the particles' electronic contact resistance.
        var pop = cell.Parameters.Populations;
        var contact = 1 / ((pop.WellConnectedFraction / pop.WellConnectedContactResistanceOhm)
            + (pop.PoorlyConnectedFraction / pop.PoorlyConnectedContactResistanceOhm));
        Assert.AreEqual(cell.Elements.BulkResistanceOhm + contact, z.Real, 0.02 * cell.Elements.BulkResistanceOhm);
    }

    [TestMethod]
    public void ImpedanceOhm_Sweep1MHzTo100mHz_IsCapacitiveAndItsLowFrequencyLimitMatchesTheDcStepResponse()
    {
        var cell = SinglePopulationCell();
        var i = 0.5 * cell.NominalCapacityAh;
        while (cell.StateOfCharge < 0.5)
        {
            cell.AdvanceWithCurrent(i, 10);
        }

        cell.AdvanceWithCurrent(0, 20 * cell.Parameters.Diffusion.RelaxationTimeConstantS);
        for (var f = 1e6; f >= 0.1; f /= Math.Pow(10, 0.1))
        {
            Assert.IsLessThan(0, cell.ImpedanceOhm(f).Imaginary, $"capacitive at {f:G3} Hz");
        }

        var e = cell.Elements;
        var zLow = cell.ImpedanceOhm(1e-6).Real;
        var sum = e.BulkResistanceOhm + e.GrainBoundaryResistanceOhm + e.InterphaseResistanceOhm + e.ChargeTransferResistanceOhm + e.WarburgResistanceOhm;

        // DC: a small current step held for many relaxation times; remove the OCV drift of the SOC it moved.
        var v0 = cell.TerminalVoltageV;
        var soc0 = cell.StateOfCharge;
        var di = 1e-3 * cell.NominalCapacityAh;
        var v = v0;
        for (var k = 0; k < 100; k++)
        {
            v = cell.AdvanceWithCurrent(di, 0.1 * cell.Parameters.Diffusion.RelaxationTimeConstantS);
        }

        var drift = cell.EquilibriumPotentialV(cell.StateOfCharge) - cell.EquilibriumPotentialV(soc0);
        var rDc = (v - v0 - drift) / di;
        TestContext.WriteLine($"Re Z(1 uHz) {zLow:F2} Ohm, element sum {sum:F2} Ohm, DC step {rDc:F2} Ohm");
        Assert.AreEqual(sum, zLow, 0.01 * sum);
        Assert.AreEqual(zLow, rDc, 0.05 * zLow);
    }
}
