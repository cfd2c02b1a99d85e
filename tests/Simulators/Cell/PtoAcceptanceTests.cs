using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Tests.Cell;

/// <summary>Acceptance figures from the organic cathode paper (Li | Li3PS4 | ball-milled PTO composite, 60 °C).</summary>
[TestClass]
public sealed class PtoAcceptanceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Cycling_At0p1CDischargeFirst_ReachesBallMilledUtilisationOnAPlateauNear2p1V()
    {
        var cy = new CellCycler(new LumpedCellModel(CellPresets.Load("pto-lps-li-60c")), 30);
        var c1 = cy.DischargeFirst(0.1, 1.5, 3.5);
        cy.DischargeFirst(0.1, 1.5, 3.5);
        var c3 = cy.DischargeFirst(0.1, 1.5, 3.5);
        var capacity = cy.MilliampHoursPerGram(c3.Discharge.ChargeAh);
        var utilisation = capacity / 409;
        TestContext.WriteLine($"cycle 1: discharge {cy.MilliampHoursPerGram(c1.Discharge.ChargeAh):F1}, charge {cy.MilliampHoursPerGram(c1.Charge.ChargeAh):F1} mAh/g; " +
            $"cycle 3: {capacity:F1} mAh/g, utilisation {utilisation:P1}, mean discharge {c3.Discharge.MeanVoltageV:F3} V");
        Assert.AreEqual(399, capacity, 399 * 0.05);
        Assert.AreEqual(0.976, utilisation, 0.976 * 0.05);
        Assert.AreEqual(2.1, c3.Discharge.MeanVoltageV, 0.1);
        Assert.IsLessThan(c1.Charge.ChargeAh, c1.Discharge.ChargeAh, "pre-lithiated PTO: first discharge < first charge");
    }

    [TestMethod]
    public void Cycling_100CyclesAt0p1C_Retains75Percent()
    {
        var cy = new CellCycler(new LumpedCellModel(CellPresets.Load("pto-lps-li-60c")), 60);
        double third = 0, last = 0;
        for (var n = 1; n <= 100; n++)
        {
            last = cy.DischargeFirst(0.1, 1.5, 3.5).Discharge.ChargeAh;
            if (n == 3)
            {
                third = last;
            }
        }

        TestContext.WriteLine($"retention after 100 cycles vs cycle 3: {last / third:P1}");
        Assert.AreEqual(0.75, last / third, 0.05);
    }
}
