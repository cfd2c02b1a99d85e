using OperandoRig.Drivers.Abstractions;

namespace OperandoRig.Drivers.Tests.Abstractions;

[TestClass]
public sealed class ValueRangeTests
{
    [TestMethod]
    [DataRow(0.0, true)]
    [DataRow(5.0, true)]
    [DataRow(5.0001, false)]
    [DataRow(-0.0001, false)]
    [DataRow(double.NaN, false)]
    public void Contains_ClosedInterval_IncludesEnds(double value, bool inside) =>
        Assert.AreEqual(inside, new ValueRange(0, 5).Contains(value));

    [TestMethod]
    public void ToString_UsesInvariantCulture() => Assert.AreEqual("-2.5..4.75", new ValueRange(-2.5, 4.75).ToString());
}
