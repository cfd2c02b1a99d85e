using OperandoRig.Daemon.Config;

namespace OperandoRig.Daemon.Tests.Config;

[TestClass]
public sealed class RigConfigLoaderTests
{
    private const string Channel = """
        channels:
          - id: ch1
            sample_period: 10 s
            voltage_range: [0 V, 5 V]
            max_current: 10 mA
        """;

    [TestMethod]
    public void Parse_FullRig_SiValuesAndResolvedPaths()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rigcfg");
        var c = RigConfigLoader.Parse("""
            name: bench
            clock: { mode: simulated, speed: 600 }
            data_dir: ../data
            listen: 127.0.0.1:0
            channels:
              - id: ch1
                sample_period: 500 ms
                voltage_range: [-1 V, 4.5 V]
                max_current: 2 mA
                cell: { preset: nmc811-lpscl-liin-rt, initial_soc: 20 %, temperature: 333.15 K }
              - id: ch2
                cell: { model: thevenin, capacity: 3 mAh }
                faults: [{ after: 2 h, kind: disconnect }, { after: 90 s, kind: nanreading }]
            """, Path.Combine(folder, "rig.yaml"));

        Assert.AreEqual("bench", c.Name);
        Assert.IsTrue(c.Clock.Simulated);
        Assert.AreEqual(600, c.Clock.Speed);
        Assert.AreEqual(Path.GetFullPath(Path.Combine(folder, "..", "data")), c.DataDirectory);
        Assert.AreEqual(0.5, c.Channels[0].SamplePeriodS);
        Assert.AreEqual(60, c.Channels[0].Cell.TemperatureC!.Value, 1e-9);
        Assert.IsNull(c.Channels[1].Cell.TemperatureC, "no temperature: the model's reference temperature");
        Assert.AreEqual(-1, c.Channels[0].VoltageRangeV.Min);
        Assert.AreEqual(2e-3, c.Channels[0].MaxCurrentA, 1e-15);
        Assert.AreEqual("nmc811-lpscl-liin-rt", c.Channels[0].Cell.Preset);
        Assert.AreEqual(0.2, c.Channels[0].Cell.InitialStateOfCharge, 1e-12);
        Assert.AreEqual(3e-3, c.Channels[1].Cell.CapacityAh, 1e-15);
        Assert.AreEqual(1.0, c.Channels[1].SamplePeriodS);
        Assert.AreEqual(new OperandoRig.Simulators.Potentiostat.ScheduledChannelFault(7200, OperandoRig.Simulators.Potentiostat.ChannelFault.Disconnect), c.Channels[1].Faults![0]);
        Assert.AreEqual(OperandoRig.Simulators.Potentiostat.ChannelFault.NaNReading, c.Channels[1].Faults![1].Fault);
        Assert.IsEmpty(c.Channels[0].Faults!);
    }

    [TestMethod]
    [DataRow("listen: 127.0.0.1\n" + Channel, 1, "listen", "is not host:port")]
    [DataRow("clock: { mode: warp }\n" + Channel, 1, "clock.mode", "'warp' is not a clock mode")]
    [DataRow("clock: { mode: system, speed: 10 }\n" + Channel, 1, "clock.speed", "use mode: simulated to run faster")]
    [DataRow("channels:\n  - id: ch1\n    max_current: 10\n", 3, "channels[0].max_current", "'10' has no unit")]
    [DataRow("channels:\n  - id: ch1\n    voltage_range: [5 V, 0 V]\n", 3, "channels[0].voltage_range", "the maximum must be above the minimum")]
    [DataRow("channels:\n  - id: ch1\n    sample_period: 2 h\n", 2, "channels[0].sample_period", "outside 1 ms..1 h")]
    [DataRow("channels:\n  - id: ch1\n    driver: biologic\n", 2, "channels[0].driver", "'biologic' is not a known driver")]
    [DataRow("channels:\n  - id: ch1\n    cell: { preset: lfp-graphite }\n", 3, "channels[0].cell.preset", "'lfp-graphite' is not a cell preset; known:")]
    [DataRow("channels:\n  - id: ch1\n    cell: { initial_soc: 120 % }\n", 3, "channels[0].cell.initial_soc", "must be a percentage in 0..100 %")]
    [DataRow("channels:\n  - id: ch1\n    cell: { temperature: 200 °C }\n", 3, "channels[0].cell.temperature", "200 °C is outside -40..150 °C")]
    [DataRow("channels:\n  - id: ch1\n    cell: { temperature: 60 }\n", 3, "channels[0].cell.temperature", "'60' is not a temperature; expected a number with °C, degC or K")]
    [DataRow("channels:\n  - id: ch1\n  - id: ch1\n", 2, "channels", "channel id 'ch1' is used twice")]
    [DataRow("channels: []\n", 1, "channels", "missing or empty")]
    [DataRow(Channel + "\nautostart:\n  - { channel: ch7, protocol: x.yaml }\n", 7, "autostart[0].channel", "'ch7' is not a configured channel; known: ch1")]
    [DataRow("chanels: []\n", 1, "chanels", "unknown field")]
    [DataRow("channels:\n  - id: ch1\n    faults: [{ after: 1 h, kind: meltdown }]\n", 3, "channels[0].faults[0].kind", "'meltdown' is not a fault; known: disconnect, timeout")]
    [DataRow("channels:\n  - id: ch1\n    faults: [{ after: 10, kind: timeout }]\n", 3, "channels[0].faults[0].after", "'10' has no unit")]
    [DataRow(Channel + "\n    safety: { voltage: [2.5 V, 5.1 V] }\n", 6, "channels[0].safety.voltage", "2.5..5.1 V lies outside the channel's voltage_range 0..5 V")]
    [DataRow(Channel + "\n    safety: { voltage: [4.3 V, 2.5 V] }\n", 6, "channels[0].safety.voltage", "4.3..2.5 V: the maximum must be above the minimum")]
    [DataRow(Channel + "\n    safety: { voltage: 4.3 V }\n", 6, "channels[0].safety.voltage", "expected [min, max]")]
    [DataRow(Channel + "\n    safety: { voltage: [2.5, 4.3 V] }\n", 6, "channels[0].safety.voltage[0]", "'2.5' has no unit")]
    [DataRow(Channel + "\n    safety: { max_current: 20 mA }\n", 6, "channels[0].safety.max_current", "0.02 A must be above 0 A and at most the channel's max_current 0.01 A")]
    [DataRow(Channel + "\n    safety: { max_current: 5 V }\n", 6, "channels[0].safety.max_current", "'5 V'")]
    [DataRow(Channel + "\n    safety: { max_silence: 15 s }\n", 6, "channels[0].safety.max_silence", "15 s is shorter than two sample periods (20 s)")]
    [DataRow(Channel + "\n    safety: { max_temperature: 60 degC }\n", 6, "channels[0].safety.max_temperature", "unknown field")]
    [DataRow(Channel + "\n    safety: 4.3 V\n", 6, "channels[0].safety", "expected a map")]
    [DataRow(Channel + "\n    safety: { temperature: [10, 55 °C] }\n", 6, "channels[0].safety.temperature[0]", "'10' is not a temperature; expected a number with °C, degC or K")]
    [DataRow(Channel + "\n    safety: { temperature: [10 °C, 55 C] }\n", 6, "channels[0].safety.temperature[1]", "'55 C' is not a temperature")]
    [DataRow(Channel + "\n    safety: { temperature: [60 °C, 55 °C] }\n", 6, "channels[0].safety.temperature", "60..55 °C: the maximum must be above the minimum")]
    [DataRow(Channel + "\n    safety: { temperature: [-300 °C, 55 °C] }\n", 6, "channels[0].safety.temperature[0]", "-300 °C is outside -273.15..1000 °C")]
    [DataRow(Channel + "\n    safety: { temperature: 55 °C }\n", 6, "channels[0].safety.temperature", "expected [min, max], e.g. [10 °C, 55 °C]")]
    [DataRow(Channel + "\ninflux: { url: 'http://127.0.0.1:8086', api: v3 }\n", 6, "influx.api", "'v3' is not an InfluxDB write API")]
    [DataRow(Channel + "\ninflux: { url: 'ftp://x', database: d }\n", 6, "influx.url", "'ftp://x' is not an absolute http(s) URL")]
    [DataRow(Channel + "\ninflux: { url: 'http://x:8086', database: d, poll_interval: 5 }\n", 6, "influx.poll_interval", "'5' has no unit")]
    public void Parse_InvalidRig_NamesFileLinePathAndValue(string yaml, int line, string field, string problem)
    {
        var ex = Assert.ThrowsExactly<RigConfigException>(() => RigConfigLoader.Parse(yaml, "/tmp/rig.yaml"));
        StringAssert.StartsWith(ex.Message, $"rig.yaml:{line}: {field}: ");
        StringAssert.Contains(ex.Message, problem);
    }

    [TestMethod]
    public void Parse_SafetySection_SiLimits()
    {
        var c = RigConfigLoader.Parse(Channel + "\n    safety: { voltage: [2.5 V, 4.3 V], max_current: 5 mA, max_silence: 30 s }\n", "/tmp/rig.yaml");
        var safety = c.Channels[0].Safety!;
        Assert.AreEqual(new OperandoRig.Drivers.Abstractions.ValueRange(2.5, 4.3), safety.VoltageV);
        Assert.AreEqual(5e-3, safety.MaxAbsCurrentA, 1e-15);
        Assert.AreEqual(30, safety.MaxSilenceS);
        Assert.IsNull(safety.TemperatureC, "no temperature window unless one is set");
    }

    [TestMethod]
    public void Parse_SafetyTemperature_CelsiusFromCelsiusDegCAndKelvin()
    {
        var c = RigConfigLoader.Parse(Channel + "\n    safety: { temperature: [10 degC, 328.15 K] }\n", "/tmp/rig.yaml");
        var window = c.Channels[0].Safety!.TemperatureC!.Value;
        Assert.AreEqual(10, window.Min, 1e-12);
        Assert.AreEqual(55, window.Max, 1e-9);
        Assert.AreEqual(-5, RigConfigLoader.Parse(Channel + "\n    safety: { temperature: [-5 °C, 45 °C] }\n", "/tmp/rig.yaml").Channels[0].Safety!.TemperatureC!.Value.Min, 1e-12);
    }

    [TestMethod]
    public void Parse_NoSafetySection_ChannelRangeAndCurrentNoWatchdog()
    {
        var safety = RigConfigLoader.Parse(Channel, "/tmp/rig.yaml").Channels[0].Safety!;
        Assert.AreEqual(new OperandoRig.Drivers.Abstractions.ValueRange(0, 5), safety.VoltageV);
        Assert.AreEqual(10e-3, safety.MaxAbsCurrentA, 1e-15);
        Assert.IsNull(safety.MaxSilenceS);
    }

    [TestMethod]
    public void Parse_InfluxSection_BuildsValidatedReplicaOptions()
    {
        var c = RigConfigLoader.Parse(Channel + "\ninflux: { url: 'http://127.0.0.1:8086', api: v2, org: lab, bucket: operando, token: t0k, batch_size: 2000, poll_interval: 500 ms }\n", "/tmp/rig.yaml");
        Assert.IsNotNull(c.Influx);
        Assert.AreEqual(OperandoRig.Daemon.Data.Influx.InfluxApiVersion.V2, c.Influx.Api);
        Assert.AreEqual("operando", c.Influx.Bucket);
        Assert.AreEqual(2000, c.Influx.BatchSize);
        Assert.AreEqual(TimeSpan.FromMilliseconds(500), c.Influx.PollInterval);
        Assert.IsNull(RigConfigLoader.Parse(Channel, "/tmp/rig.yaml").Influx);
    }

    [TestMethod]
    public void Load_MissingFile_RigConfigExceptionNamingThePath()
    {
        var ex = Assert.ThrowsExactly<RigConfigException>(() => RigConfigLoader.Load("/nonexistent/rig.yaml"));
        Assert.AreEqual("/nonexistent/rig.yaml: the rig file does not exist", ex.Message);
    }

    [TestMethod]
    public void Load_ShippedSimulatedRig_IsValid()
    {
        var c = RigConfigLoader.Load(Path.Combine(RepoPaths.Root, "config", "rig.sim.yaml"));
        Assert.AreEqual("ch1", c.Channels.Single().Id);
        Assert.IsTrue(File.Exists(c.Autostart.Single().ProtocolPath));
    }
}
