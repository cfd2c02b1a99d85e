using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Drivers.Tests.Abstractions;

[TestClass]
public sealed class TerminationTests
{
    [TestMethod]
    [DataRow(4.2499, false)]
    [DataRow(4.25, true)]
    [DataRow(4.3, true)]
    public void IsMetBy_AtOrAbove_IncludesThreshold(double value, bool met) =>
        Assert.AreEqual(met, new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrAbove, 4.25).IsMetBy(value));

    [TestMethod]
    [DataRow(2.61, false)]
    [DataRow(2.6, true)]
    [DataRow(2.0, true)]
    public void IsMetBy_AtOrBelow_IncludesThreshold(double value, bool met) =>
        Assert.AreEqual(met, new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrBelow, 2.6).IsMetBy(value));

    [TestMethod]
    public void IsMetBy_NaNReading_NeverEndsTheStep()
    {
        var t = new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrBelow, 2.6);
        Assert.IsFalse(t.IsMetBy(double.NaN));
    }

    [TestMethod]
    public void AfterSeconds_Describes_StepTimeLimit()
    {
        var t = Termination.AfterSeconds(1800);
        Assert.AreEqual(TerminationQuantity.StepTimeS, t.Quantity);
        Assert.AreEqual("StepTimeS >= 1800", t.ToString());
    }

    [TestMethod]
    public void Rest_Factory_HasOneTimeTermination()
    {
        var step = ChannelStep.Rest(600, "relax", cycle: 3);
        Assert.AreEqual(StepKind.Rest, step.Kind);
        Assert.AreEqual(3, step.Cycle);
        Assert.AreEqual(Termination.AfterSeconds(600), step.Terminations.Single());
    }
}
