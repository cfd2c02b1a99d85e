using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Tests.Cell;

/// <summary>
/// A simulator must stay a physics model when it is abused: driven volts beyond its cut-offs for many cycles it
/// saturates (finite voltages, SOC in a band around 0..1) instead of producing NaN, which the potentiostat would
/// report as garbage. Without the saturation every Ni-rich preset went NaN within 1-17 such cycles.
/// </summary>
[TestClass]
public sealed class CellAbuseTests
{
    public static IEnumerable<object[]> Presets => CellPresets.Names.Select(n => new object[] { n });

    [TestMethod]
    [DynamicData(nameof(Presets))]
    public void AdvanceWithCurrent_CycledAt1CFarBeyondTheWindow_StaysFinite(string preset)
    {
        var cell = new LumpedCellModel(CellPresets.Load(preset));
        var currentA = cell.NominalCapacityAh; // 1C
        for (var cycle = 0; cycle < 40; cycle++)
        {
            foreach (var (sign, stop) in new[] { (1.0, (Func<double, bool>)(v => v > 5.5)), (-1.0, v => v < 0.5) })
            {
                for (var k = 0; k < 2000; k++) // 2000 x 10 s: a 1C half-cycle with a large margin
                {
                    var v = cell.AdvanceWithCurrent(sign * currentA, 10);
                    Assert.IsTrue(double.IsFinite(v), $"{preset}: cycle {cycle}, {(sign > 0 ? "charge" : "discharge")} step {k}: V = {v}");
                    Assert.IsTrue(double.IsFinite(cell.StateOfCharge), $"{preset}: cycle {cycle}: SOC = {cell.StateOfCharge}");
                    if (stop(v))
                    {
                        break;
                    }
                }
            }
        }

        Assert.IsTrue(cell.StateOfCharge is >= -0.25 and <= 1.25, $"{preset}: SOC {cell.StateOfCharge} left the saturation band");
    }
}
