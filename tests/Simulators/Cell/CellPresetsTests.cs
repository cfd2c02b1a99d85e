using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Tests.Cell;

[TestClass]
public sealed class CellPresetsTests
{
    private static readonly string[] Expected =
        ["li-lpscl-li", "lno-nmc811-lpscl-liin-rt", "nmc811-lpscl-liin-rt", "nmc83-lpscl-limg-60c", "pto-lps-li-60c"];

    [TestMethod]
    public void Names_Shipped_ListsTheFivePresets()
    {
        CollectionAssert.AreEquivalent(Expected, CellPresets.Names.ToArray());
    }

    [TestMethod]
    public void Load_EveryPreset_ValidatesAndBuildsAModel()
    {
        foreach (var name in CellPresets.Names)
        {
            var p = CellPresets.Load(name);
            Assert.AreEqual(name, p.Name);
            var cell = new LumpedCellModel(p);
            Assert.IsTrue(double.IsFinite(cell.OpenCircuitVoltageV), name);
        }
    }

    [TestMethod]
    public void Load_UnknownName_ThrowsNamingItAndListingKnownPresets()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => CellPresets.Load("nmc999"));
        StringAssert.Contains(ex.Message, "nmc999");
        foreach (var known in Expected)
        {
            StringAssert.Contains(ex.Message, known);
        }
    }

    [TestMethod]
    public void Parse_OutOfRangeValue_ThrowsNamingParameterAndRange()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CellPresets.Parse(
            "activeMassKg: 1e-6\nelectrodeAreaM2: 1e-4\ntheoreticalSpecificCapacityAhPerKg: 200\nnominalSpecificCapacityAhPerKg: 200\ninitialStateOfCharge: 1.5\n"));
        StringAssert.Contains(ex.Message, "InitialStateOfCharge");
        StringAssert.Contains(ex.Message, "1.5");
    }

    [TestMethod]
    public void Parse_UnknownKey_ThrowsInvalidData()
    {
        Assert.ThrowsExactly<InvalidDataException>(() => CellPresets.Parse("activeMassKilograms: 1\n"));
    }
}
