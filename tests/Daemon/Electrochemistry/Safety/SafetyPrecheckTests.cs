using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Safety;

[TestClass]
public sealed class SafetyPrecheckTests
{
    private static readonly SafetyLimits Limits = new(new ValueRange(2.5, 4.3), 5e-3, 30);

    [TestMethod]
    public void Check_WithinTheLimits_Passes() =>
        SafetyPrecheck.Check(ProtocolParser.Parse("steps: [Charge at 1 mA until 4.2 V, Hold at 4.2 V for 1 h, Discharge at 5 mA until 2.5 V]", "p.yaml"), "p.yaml", "ch1", Limits);

    [TestMethod]
    [DataRow("steps: [Charge at 6 mA for 1 h]", "current 0.006 A is beyond channel ch1's safety limit ±0.005 A")]
    [DataRow("steps: [Hold at 4.4 V for 1 h]", "voltage 4.4 V is outside channel ch1's safety limits 2.5..4.3 V")]
    [DataRow("steps: [Charge at 1 mA until 4.35 V]", "cut-off 4.35 V lies outside channel ch1's safety limits 2.5..4.3 V")]
    public void Check_BeyondTheLimits_ProtocolExceptionNamingStepValueAndLimit(string yaml, string problem)
    {
        var ex = Assert.ThrowsExactly<ProtocolException>(() => SafetyPrecheck.Check(ProtocolParser.Parse(yaml, "p.yaml"), "p.yaml", "ch1", Limits));
        StringAssert.StartsWith(ex.Message, "p.yaml:1: ");
        StringAssert.Contains(ex.Message, problem);
    }
}
