using OperandoRig.Daemon.Config;
using OperandoRig.Daemon.Electrochemistry.Safety;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Safety;

/// <summary>The rig file's <c>safety.short_circuit</c>: parsed to SI, errors naming file:line, path and value.</summary>
[TestClass]
public sealed class ShortCircuitConfigTests
{
    private const string Channel = """
        channels:
          - id: ch1
            sample_period: 1 s
            voltage_range: [-5 V, 5 V]
            max_current: 10 mA
        """;

    [TestMethod]
    public void Parse_ShortCircuit_SiLimits()
    {
        var c = RigConfigLoader.Parse(Channel + "\n    safety: { short_circuit: { min_current: 0.1 mA, collapse_below: 10 mV, max_drop: 50 mV, over: 2 s } }\n", "/tmp/rig.yaml");
        var sc = c.Channels[0].Safety!.ShortCircuit!;
        Assert.AreEqual(new ShortCircuitLimits(1e-4, 0.01, 0.05, 2), sc with { MinAbsCurrentA = Math.Round(sc.MinAbsCurrentA, 12) });
        Assert.AreEqual(0.025, sc.MaxDropRateVPerS!.Value, 1e-12);
        Assert.IsNull(RigConfigLoader.Parse(Channel, "/tmp/rig.yaml").Channels[0].Safety!.ShortCircuit);
    }

    [TestMethod]
    [DataRow("{ collapse_below: 10 mV }", "channels[0].safety.short_circuit.min_current", "missing")]
    [DataRow("{ min_current: 20 mA, collapse_below: 10 mV }", "channels[0].safety.short_circuit.min_current", "0.02 A must be above 0 A and at most the safety max_current 0.01 A")]
    [DataRow("{ min_current: 0.1 mA }", "channels[0].safety.short_circuit", "give collapse_below, max_drop or both")]
    [DataRow("{ min_current: 0.1 mA, max_drop: 50 }", "channels[0].safety.short_circuit.max_drop", "'50' has no unit")]
    [DataRow("{ min_current: 0.1 mA, max_drop: -5 mV }", "channels[0].safety.short_circuit.max_drop", "-0.005 V must be above 0 V")]
    [DataRow("{ min_current: 0.1 mA, dvdt: 5 mV }", "channels[0].safety.short_circuit.dvdt", "unknown field")]
    public void Parse_InvalidShortCircuit_NamesPathAndValue(string value, string field, string problem)
    {
        var ex = Assert.ThrowsExactly<RigConfigException>(() => RigConfigLoader.Parse(Channel + $"\n    safety: {{ short_circuit: {value} }}\n", "/tmp/rig.yaml"));
        StringAssert.StartsWith(ex.Message, $"rig.yaml:6: {field}: ");
        StringAssert.Contains(ex.Message, problem);
    }
}
