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
    [DataRow("steps:\n  - charge: { current: 1 mA, until: [current <= 0.1 mA] }",
        "p.yaml:2: steps[0]: 'current <= 0.1 mA' can never end this step: a constant-current step keeps 1 mA, so the condition is met at once or never; use it on a cv or cccv step")]
    [DataRow("steps:\n  - cv: { voltage: 4 V, until: voltage >= 4.2 V }",
        "p.yaml:2: steps[0]: 'voltage >= 4.2 V' can never end this step: the step holds 4 V and the voltage never goes beyond it")]
    [DataRow("steps:\n  - rest: { until: capacity >= 1 mAh }", "p.yaml:2: steps[0]: 'capacity >= 1 mAh' can never end this step: a rest passes no charge")]
    [DataRow("steps:\n  - Charge at 1 mA until voltage <= 3 V",
        "p.yaml:2: steps[0]: 'voltage <= 3 V' can never end this step normally: charging raises the voltage, so it is met at once or never; add a time or capacity limit, or turn the comparison round")]
    [DataRow("steps:\n  - Discharge at 50 mW until 2.5 V", "p.yaml:2: steps[0]: constant power -50 mW needs 20 mA at 2.5 V, above channel ch1's range ±10 mA")]
    [DataRow("steps:\n  - Discharge at 5 mW for 1 h", "p.yaml:2: steps[0]: constant power -5 mW needs a voltage cut-off above 0 V (the current P/V grows without bound as the voltage falls)")]
    [DataRow("steps:\n  - group: g\n    until: voltage <= -1 V\n    steps: [Rest for 1 h]", "p.yaml:2: steps[0].until: 'voltage <= -1 V': -1 V can never be reached: channel ch1 works in 0..5 V")]
    [DataRow("cell: { capacity: 1 mAh }\nsteps:\n  - gitt: { discharge: 2C, pulse: 10 min, rest: 10 min, until: 5.5 V }",
        "p.yaml:3: steps[0].gitt.pulse: cut-off 5.5 V can never be reached: channel ch1 works in 0..5 V")]
    [DataRow("steps:\n  - ladder: { from: 4 V, to: 6 V, step: 1 V, hold: 1 min }", "p.yaml:2: steps[0].ladder[2]: voltage 6 V is outside channel ch1's range 0..5 V")]
    public void Check_StepBeyondCapabilities_RejectedWithLocatedMessage(string yaml, string message) =>
        Assert.AreEqual(message, Reject(yaml, Caps(new ValueRange(0.01, 1e6))).Message);

    [TestMethod]
    public void Check_EisOnChannelWithoutImpedance_Rejected() =>
        Assert.AreEqual("p.yaml:2: steps[0]: channel ch1 cannot measure impedance",
            Reject("steps:\n  - peis: { at: ocv, from: 1 kHz, to: 1 Hz, amplitude: 5 mV }", Caps(null)).Message);

    [TestMethod]
    public void Check_ConstantPowerOnChannelWithoutIt_Rejected()
    {
        var caps = Caps(null) with { StepKinds = new HashSet<StepKind> { StepKind.Rest, StepKind.ConstantCurrent } };
        StringAssert.StartsWith(Reject("steps:\n  - Discharge at 1 mW until 3 V", caps).Message, "p.yaml:2: steps[0]: channel ch1 cannot run ConstantPower steps");
    }

    [TestMethod]
    public void Check_ConditionTheDeviceCannotEvaluate_PassesAndIsReportedAsEmulated()
    {
        var caps = Caps(null) with { DeviceTerminations = new HashSet<TerminationQuantity> { TerminationQuantity.VoltageV, TerminationQuantity.StepTimeS } };
        var protocol = ProtocolParser.Parse("steps:\n  - Discharge at 1 mA until 3 V\n  - rest: { duration: 2 h, until: 'dV/dt <= 0.1 mV/min' }", "e.yaml");

        var report = ProtocolChecker.Analyze(protocol, "e.yaml", "ch1", caps);

        Assert.AreEqual(ConditionRunsOn.Device, report.Steps[0].Conditions.Single().RunsOn);
        var slope = report.Steps[1].Conditions.Single(c => c.Text.StartsWith("dV/dt", StringComparison.Ordinal));
        Assert.AreEqual(ConditionRunsOn.Daemon, slope.RunsOn);
        Assert.AreEqual(60, slope.LatencyS, "the least-squares window");
        StringAssert.Contains(report.ToString(), "emulated by the daemon");
    }

    [TestMethod]
    public void Check_ProtocolWithinCapabilities_Passes()
    {
        var protocol = ProtocolParser.Parse("steps:\n  - Charge at 1 mA until 4.2 V\n  - peis: { at: ocv, from: 1 MHz, to: 100 mHz, amplitude: 7 mV }", "ok.yaml");
        ProtocolChecker.Check(protocol, "ok.yaml", "ch1", Caps(new ValueRange(1e-5, 1e6)));
    }
}
