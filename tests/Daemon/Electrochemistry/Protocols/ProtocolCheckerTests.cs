using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

[TestClass]
public sealed class ProtocolCheckerTests
{
    private static ChannelCapabilities Caps(ValueRange? eisRangeHz) => new(
        new ValueRange(0, 5), 10e-3, 1e-9, 1,
        new HashSet<StepKind>(Enum.GetValues<StepKind>()),
        new HashSet<TerminationQuantity>(Enum.GetValues<TerminationQuantity>()),
        eisRangeHz,
        new HashSet<HoldPolicy>(Enum.GetValues<HoldPolicy>()));

    private static ProtocolException Reject(string yaml, ChannelCapabilities caps)
    {
        var protocol = ProtocolParser.Parse(yaml, "p.yaml");
        return Assert.ThrowsExactly<ProtocolException>(() => ProtocolChecker.Check(protocol, "p.yaml", "ch1", caps));
    }

    [TestMethod]
    [DataRow("steps:\n  - Rest for 1 s\n  - Charge at 20 mA until 4 V", "p.yaml:3: steps[1]: current 20 mA is above channel ch1's range ±10 mA")]
    [DataRow("steps:\n  - Hold at 6 V until 1 mA", "p.yaml:2: steps[0]: voltage 6 V is outside channel ch1's range 0..5 V")]
    [DataRow("steps:\n  - Charge at 1 mA until 5.5 V", "p.yaml:2: steps[0]: cut-off 5.5 V can never be reached: channel ch1 works in 0..5 V")]
    [DataRow("steps:\n  - peis: { at: ocv, from: 10 MHz, to: 1 Hz, amplitude: 5 mV }", "p.yaml:2: steps[0]: from: 1E+07 Hz is outside channel ch1's EIS range 0.01..1E+06 Hz")]
    [DataRow("steps:\n  - peis: { at: ocv, from: 1 MHz, to: 1 mHz, amplitude: 5 mV }", "p.yaml:2: steps[0]: to: 0.001 Hz is outside channel ch1's EIS range 0.01..1E+06 Hz")]
    [DataRow("steps:\n  - peis: { at: 7 V, from: 1 MHz, to: 1 Hz, amplitude: 5 mV }", "p.yaml:2: steps[0]: voltage 7 V is outside channel ch1's range 0..5 V")]
    public void Check_StepBeyondCapabilities_RejectedWithLocatedMessage(string yaml, string message) =>
        Assert.AreEqual(message, Reject(yaml, Caps(new ValueRange(0.01, 1e6))).Message);

    [TestMethod]
    public void Check_EisOnChannelWithoutImpedance_Rejected() =>
        Assert.AreEqual("p.yaml:2: steps[0]: channel ch1 cannot measure impedance",
            Reject("steps:\n  - peis: { at: ocv, from: 1 kHz, to: 1 Hz, amplitude: 5 mV }", Caps(null)).Message);

    [TestMethod]
    public void Check_ProtocolWithinCapabilities_Passes()
    {
        var protocol = ProtocolParser.Parse("steps:\n  - Charge at 1 mA until 4.2 V\n  - peis: { at: ocv, from: 1 MHz, to: 100 mHz, amplitude: 7 mV }", "ok.yaml");
        ProtocolChecker.Check(protocol, "ok.yaml", "ch1", Caps(new ValueRange(1e-5, 1e6)));
    }
}
