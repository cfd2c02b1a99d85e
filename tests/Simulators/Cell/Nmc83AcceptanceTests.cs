using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Tests.Cell;

/// <summary>Acceptance figures from the STXM interphase paper (Li–Mg | Li6PS5Cl | NMC83, 60 °C).</summary>
[TestClass]
public sealed class Nmc83AcceptanceTests
{
    private const string Preset = "nmc83-lpscl-limg-60c";

    public TestContext TestContext { get; set; } = null!;

    private static CellCycler NewCycler(double stepS) => new(new LumpedCellModel(CellPresets.Load(Preset)), stepS);

    [TestMethod]
    public void FirstCycle_4p25VAt0p1C_Gives218MilliampHoursPerGramAnd84PercentIce()
    {
        var cy = NewCycler(30);
        var c = cy.ChargeFirst(0.1, 2.6, 4.25);
        var discharge = cy.MilliampHoursPerGram(c.Discharge.ChargeAh);
        var gap = c.Charge.MeanVoltageV - c.Discharge.MeanVoltageV;
        TestContext.WriteLine($"4.25 V: discharge {discharge:F1} mAh/g, ICE {c.CoulombicEfficiency:P1}, gap {gap:F3} V");
        Assert.AreEqual(218, discharge, 218 * 0.05);
        Assert.AreEqual(0.84, c.CoulombicEfficiency, 0.03);
        Assert.AreEqual(0.2, gap, 0.05);
    }

    [TestMethod]
    public void FirstCycle_4p7VAt0p1C_Gives239MilliampHoursPerGramAnd81PercentIce()
    {
        var cy = NewCycler(30);
        var c = cy.ChargeFirst(0.1, 2.6, 4.7);
        var discharge = cy.MilliampHoursPerGram(c.Discharge.ChargeAh);
        TestContext.WriteLine($"4.7 V: discharge {discharge:F1} mAh/g, ICE {c.CoulombicEfficiency:P1}");
        Assert.AreEqual(239, discharge, 239 * 0.05);
        Assert.AreEqual(0.81, c.CoulombicEfficiency, 0.03);
    }

    [TestMethod]
    [DataRow(4.25, 0.93)]
    [DataRow(4.7, 0.77)]
    public void Cycling_100CyclesAt2C_RetainsThePapersFraction(double upperV, double expectedRetention)
    {
        var cy = NewCycler(30);
        cy.ChargeFirst(0.1, 2.6, upperV);
        var fast = new CellCycler(cy.Cell, 5);
        var first = fast.ChargeFirst(2, 2.6, upperV).Discharge.ChargeAh;
        var last = first;
        for (var n = 2; n <= 100; n++)
        {
            last = fast.ChargeFirst(2, 2.6, upperV).Discharge.ChargeAh;
        }

        var retention = last / first;
        TestContext.WriteLine($"{upperV} V: 2C {fast.MilliampHoursPerGram(first):F1} -> {fast.MilliampHoursPerGram(last):F1} mAh/g, retention {retention:P1}");
        Assert.AreEqual(expectedRetention, retention, 0.04);
    }

    [TestMethod]
    public void InterphaseResistance_2CCyclingTo4p7V_GrowsLinearlyWithSqrtCycleNumber()
    {
        int[] at = [5, 10, 25, 50, 75, 100];
        var (sqrtN, r) = InterphaseResistanceAt(4.7, at);
        var (slope, rSquared) = LinearFit(sqrtN, r);
        var (_, r425) = InterphaseResistanceAt(4.25, at);
        TestContext.WriteLine($"4.7 V R_int: {string.Join(", ", r.Select(x => x.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} Ohm, slope {slope:F2} Ohm per sqrt(N), R2 {rSquared:F4}");
        TestContext.WriteLine($"4.25 V R_int: {string.Join(", ", r425.Select(x => x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} Ohm");
        Assert.IsGreaterThan(0.98, rSquared);
        Assert.IsGreaterThan(1.0, slope);
        Assert.IsLessThan(0.1 * (r[^1] - r[0]), r425[^1] - r425[0], "the 4.25 V interphase must stay nearly flat");
    }

    [TestMethod]
    public void ChargeDischargeGap_2CCyclingTo4p7V_WidensOverCycles()
    {
        var fast = NewCycler(5);
        var first = fast.ChargeFirst(2, 2.6, 4.7);
        var last = first;
        for (var n = 2; n <= 100; n++)
        {
            last = fast.ChargeFirst(2, 2.6, 4.7);
        }

        var gap1 = first.Charge.MeanVoltageV - first.Discharge.MeanVoltageV;
        var gap100 = last.Charge.MeanVoltageV - last.Discharge.MeanVoltageV;
        TestContext.WriteLine($"4.7 V, 2C gap: cycle 1 {gap1:F3} V, cycle 100 {gap100:F3} V");
        Assert.IsGreaterThan(gap1 + 0.15, gap100);
    }

    private static (double[] SqrtN, double[] R) InterphaseResistanceAt(double upperV, int[] cycles)
    {
        var fast = NewCycler(5);
        var sqrtN = new double[cycles.Length];
        var r = new double[cycles.Length];
        var k = 0;
        for (var n = 1; n <= cycles[^1]; n++)
        {
            fast.ChargeFirst(2, 2.6, upperV);
            if (n == cycles[k])
            {
                sqrtN[k] = Math.Sqrt(n);
                r[k] = fast.Cell.Elements.InterphaseResistanceOhm;
                k++;
            }
        }

        return (sqrtN, r);
    }

    private static (double Slope, double RSquared) LinearFit(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return (sxy / sxx, sxy * sxy / (sxx * syy));
    }
}
