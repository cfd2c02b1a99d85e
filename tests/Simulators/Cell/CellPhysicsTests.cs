using System.Diagnostics;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Tests.Cell;

[TestClass]
public sealed class CellPhysicsTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>NMC83 with one particle population, no hysteresis and no side reactions: isolates one process at a time.</summary>
    private static CellParameters Simplified(double hysteresisV = 0)
    {
        var p = CellPresets.Load("nmc83-lpscl-limg-60c");
        return p with
        {
            Populations = new PopulationParameters { WellConnectedFraction = 1, WellConnectedContactResistanceOhm = 0.1 },
            Degradation = new DegradationParameters(),
            Ocv = p.Ocv with { HysteresisHalfWidthV = hysteresisV, HysteresisGrowthVPerNm = 0 },
        };
    }

    [TestMethod]
    public void EquilibriumPotentialV_EveryPreset_NeverDecreasesWithSoc()
    {
        foreach (var name in CellPresets.Names)
        {
            var cell = new LumpedCellModel(CellPresets.Load(name));
            var previous = double.NegativeInfinity;
            for (var i = 0; i <= 1000; i++)
            {
                var v = cell.EquilibriumPotentialV(i / 1000.0);
                Assert.IsGreaterThanOrEqualTo(previous - 1e-12, v, $"{name} at SOC {i / 1000.0}");
                previous = v;
            }
        }
    }

    [TestMethod]
    public void Rest_AfterCharge_RelaxesTowardsOcvWithTheConfiguredTimeConstant()
    {
        var p = Simplified();
        var cell = new LumpedCellModel(p);
        var cy = new CellCycler(cell, 10);
        while (cell.StateOfCharge < 0.5)
        {
            cell.AdvanceWithCurrent(cy.CurrentForRate(0.5), 10);
        }

        var underCurrent = cell.TerminalVoltageV;
        var start = cell.AdvanceWithCurrent(0, 1);
        var tau = p.Diffusion.RelaxationTimeConstantS;
        var after = 0.0;
        for (var t = 0.0; t < tau - 0.5; t += 1)
        {
            after = cell.AdvanceWithCurrent(0, 1);
        }

        for (var t = 0; t < 20 * tau; t += 10)
        {
            cell.AdvanceWithCurrent(0, 10);
        }

        var ocv = cell.OpenCircuitVoltageV;
        var ratio = (after - ocv) / (start - ocv);
        TestContext.WriteLine($"under current {underCurrent:F4} V, rest start {start:F4} V, after tau {after:F4} V, OCV {ocv:F4} V, ratio {ratio:F3}");
        Assert.IsGreaterThan(start, underCurrent, "the ohmic and charge-transfer drops vanish at once");
        Assert.AreEqual(Math.Exp(-1), ratio, 0.03);
        Assert.AreEqual(ocv, cell.TerminalVoltageV, 1e-4);
    }

    [TestMethod]
    public void OpenCircuitVoltageV_SameSocReachedByChargeAndByDischarge_ChargeBranchIsHigher()
    {
        var p = Simplified(hysteresisV: 0.085);
        var cell = new LumpedCellModel(p);
        var i = 0.2 * cell.NominalCapacityAh;
        while (cell.StateOfCharge < 0.5)
        {
            cell.AdvanceWithCurrent(i, 10);
        }

        var soc = cell.StateOfCharge;
        cell.AdvanceWithCurrent(0, 7200);
        var afterCharge = cell.TerminalVoltageV;
        while (cell.StateOfCharge < 0.7)
        {
            cell.AdvanceWithCurrent(i, 10);
        }

        while (cell.StateOfCharge > soc)
        {
            cell.AdvanceWithCurrent(-i, 10);
        }

        cell.AdvanceWithCurrent(0, 7200);
        var afterDischarge = cell.TerminalVoltageV;
        TestContext.WriteLine($"rest after charge {afterCharge:F4} V, after discharge {afterDischarge:F4} V, branch {cell.HysteresisBranch:F3}");
        Assert.AreEqual(2 * 0.085, afterCharge - afterDischarge, 0.02);
        Assert.IsLessThan(-0.99, cell.HysteresisBranch);
    }

    [TestMethod]
    public void ChargeBalance_MixedProtocolWithDegradation_ChargePassedEqualsStoredPlusSideReactionCharge()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc83-lpscl-limg-60c"));
        var stored0 = cell.StoredChargeAh;
        var passedAh = 0.0;
        var i = 0.5 * cell.NominalCapacityAh;
        for (var cycle = 0; cycle < 3; cycle++)
        {
            while (cell.AdvanceWithCurrent(i, 10) < 4.7)
            {
                passedAh += i * 10 / 3600;
            }

            passedAh += i * 10 / 3600;
            for (var k = 0; k < 60; k++)
            {
                passedAh += cell.AdvanceWithVoltage(4.7, 10) * 10 / 3600;
            }

            cell.AdvanceWithCurrent(0, 1800);
            while (cell.AdvanceWithCurrent(-i, 10) > 2.6)
            {
                passedAh -= i * 10 / 3600;
            }

            passedAh -= i * 10 / 3600;
        }

        var balance = cell.StoredChargeAh - stored0 + cell.SideReactionChargeAh;
        TestContext.WriteLine($"passed {passedAh * 1e3:F6} mAh, stored + side {balance * 1e3:F6} mAh, side {cell.SideReactionChargeAh * 1e3:F4} mAh, isolated {cell.Isolated.Fraction:F4}");
        Assert.AreEqual(passedAh, balance, 1e-9 * cell.NominalCapacityAh + 1e-12);
        Assert.IsGreaterThan(0, cell.SideReactionChargeAh);
    }

    [TestMethod]
    public void StateOfCharge_NoSideReactionsOrContactLoss_ChangesByChargeOverCapacity()
    {
        var cell = new LumpedCellModel(Simplified());
        var i = 0.3 * cell.NominalCapacityAh;
        for (var k = 0; k < 500; k++)
        {
            cell.AdvanceWithCurrent(i, 7);
        }

        var expected = i * 3500 / 3600 / cell.AccessibleCapacityAh;
        Assert.AreEqual(expected, cell.StateOfCharge, 1e-12);
    }

    [TestMethod]
    public void AdvanceWithVoltage_CvHold_HoldsTheVoltageAndTheCurrentDecays()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc83-lpscl-limg-60c"));
        var i = 0.5 * cell.NominalCapacityAh;
        while (cell.AdvanceWithCurrent(i, 10) < 4.25)
        {
        }

        var first = cell.AdvanceWithVoltage(4.25, 10);
        var last = first;
        for (var k = 0; k < 360; k++)
        {
            last = cell.AdvanceWithVoltage(4.25, 10);
            Assert.AreEqual(4.25, cell.TerminalVoltageV, 1e-6);
        }

        TestContext.WriteLine($"CV current {first * 1e3:F4} -> {last * 1e3:F4} mA");
        Assert.IsGreaterThan(0, last);
        Assert.IsLessThan(0.3 * first, last);
    }

    [TestMethod]
    public void TemperatureK_Colder_RaisesEveryResistance()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc83-lpscl-limg-60c"));
        var hot = cell.Elements;
        cell.TemperatureK = 298.15;
        var cold = cell.Elements;
        Assert.IsGreaterThan(hot.BulkResistanceOhm, cold.BulkResistanceOhm);
        Assert.IsGreaterThan(hot.InterphaseResistanceOhm, cold.InterphaseResistanceOhm);
        Assert.IsGreaterThan(hot.ChargeTransferResistanceOhm, cold.ChargeTransferResistanceOhm);
        Assert.IsGreaterThan(hot.WarburgResistanceOhm, cold.WarburgResistanceOhm);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => cell.TemperatureK = 20);
    }

    [TestMethod]
    public void SymmetricCell_BelowCriticalCurrentDensity_NeverShorts()
    {
        var cell = new LumpedCellModel(CellPresets.Load("li-lpscl-li"));
        var i = 8.0 * cell.Parameters.ElectrodeAreaM2; // 0.8 mA/cm2 = 8 A/m2
        for (var h = 0; h < 20; h++)
        {
            var sign = h % 2 == 0 ? 1 : -1;
            for (var k = 0; k < 360; k++)
            {
                cell.AdvanceWithCurrent(sign * i, 10);
            }
        }

        Assert.IsFalse(cell.IsShorted);
        Assert.IsGreaterThan(0.03, Math.Abs(cell.TerminalVoltageV));
    }

    [TestMethod]
    public void SymmetricCell_AboveCriticalCurrentDensity_ShortsWithAVoltageCollapseTowardsZero()
    {
        var cell = new LumpedCellModel(CellPresets.Load("li-lpscl-li"));
        var i = 20.0 * cell.Parameters.ElectrodeAreaM2; // 2 mA/cm2 = 20 A/m2
        var before = cell.AdvanceWithCurrent(i, 10);
        var t = 10.0;
        while (!cell.IsShorted && t < 36_000)
        {
            before = cell.AdvanceWithCurrent(i, 10);
            t += 10;
        }

        var after = cell.AdvanceWithCurrent(i, 10);
        TestContext.WriteLine($"short after {t:F0} s: {before * 1e3:F1} mV -> {after * 1e3:F2} mV");
        Assert.IsTrue(cell.IsShorted);
        Assert.IsGreaterThan(0.1, before);
        Assert.IsLessThan(0.005, Math.Abs(after));
    }

    [TestMethod]
    public void AdvanceWithCurrent_InvalidArguments_ThrowNamingTheParameter()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc83-lpscl-limg-60c"));
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => cell.AdvanceWithCurrent(double.NaN, 1));
        Assert.AreEqual("currentA", ex.ParamName);
        ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => cell.AdvanceWithCurrent(0, -1));
        Assert.AreEqual("durationS", ex.ParamName);
        ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => cell.AdvanceWithVoltage(50, 1));
        Assert.AreEqual("voltageV", ex.ParamName);
    }

    [TestMethod]
    public void AdvanceWithCurrent_C10CampaignSampledEvery10s_RunsFarFasterThanRealTime()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc83-lpscl-limg-60c"));
        var i = 0.1 * cell.NominalCapacityAh;
        for (var k = 0; k < 1000; k++)
        {
            cell.AdvanceWithCurrent(k % 2 == 0 ? i : -i, 10);
        }

        const int steps = 200_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < steps; k++)
        {
            var v = cell.AdvanceWithCurrent(i, 10);
            if (v > 4.25 || v < 2.6)
            {
                i = -i;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var perStepUs = elapsed.TotalMicroseconds / steps;
        var speedup = steps * 10 / elapsed.TotalSeconds;
        TestContext.WriteLine($"{perStepUs:F2} us per 10 s step, {speedup:E2} x real time, {allocated} bytes allocated");
        Assert.AreEqual(0, allocated);
        Assert.IsGreaterThan(1e5, speedup);
    }
}
