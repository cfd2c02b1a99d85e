using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Safety;

[TestClass]
public sealed class SafetyMonitorTests
{
    private static readonly SafetyMonitor Monitor = new(new SafetyLimits(new ValueRange(2.5, 4.3), 5e-3, 30));

    private static ChannelSample Sample(double voltageV, double currentA) =>
        new(VirtualTimeProvider.DefaultStart, voltageV, currentA, 0, 0, 0, 0, 1);

    [TestMethod]
    [DataRow(3.7, 1e-3)]
    [DataRow(4.3, 5e-3)]
    [DataRow(2.5, -5e-3)]
    public void Check_WithinOrOnTheLimits_Null(double voltageV, double currentA) =>
        Assert.IsNull(Monitor.Check(Sample(voltageV, currentA)));

    [TestMethod]
    [DataRow(4.31, 1e-3, "safety: voltage 4.31 V above the channel limit 4.3 V")]
    [DataRow(2.49, 1e-3, "safety: voltage 2.49 V below the channel limit 2.5 V")]
    [DataRow(3.7, 5.1e-3, "safety: current 0.0051 A beyond the channel limit ±0.005 A")]
    [DataRow(3.7, -6e-3, "safety: current -0.006 A beyond the channel limit ±0.005 A")]
    [DataRow(double.NaN, 1e-3, "safety: voltage reading NaN is not a finite number")]
    [DataRow(3.7, double.PositiveInfinity, "safety: current reading Infinity is not a finite number")]
    public void Check_OutsideTheLimits_ReasonNamesSignalValueAndLimit(double voltageV, double currentA, string expected) =>
        Assert.AreEqual(expected, Monitor.Check(Sample(voltageV, currentA)));

    [TestMethod]
    [DataRow(25.0, null)]
    [DataRow(55.0, null)]
    [DataRow(10.0, null)]
    [DataRow(55.01, "safety: temperature 55.01 °C above the channel limit 55 °C")]
    [DataRow(9.5, "safety: temperature 9.5 °C below the channel limit 10 °C")]
    [DataRow(double.NaN, "safety: temperature reading NaN is not a finite number (the channel has a temperature limit 10..55 °C)")]
    public void Check_TemperatureWindow_BreachNamesTemperatureValueAndLimit(double temperatureC, string? expected)
    {
        var monitor = new SafetyMonitor(new SafetyLimits(new ValueRange(2.5, 4.3), 5e-3) { TemperatureC = new ValueRange(10, 55) });
        var sample = Sample(3.7, 1e-3) with { TemperatureC = temperatureC };
        Assert.AreEqual(expected, monitor.Check(sample));
        if (expected is not null)
        {
            var breach = monitor.Evaluate(sample)!;
            Assert.AreEqual("temperature", breach.Signal);
        }
    }

    [TestMethod]
    public void Check_NoTemperatureWindow_ChannelWithoutSensorIsFine() =>
        Assert.IsNull(Monitor.Check(Sample(3.7, 1e-3)), "NaN temperature (no sensor) with no window set");

    [TestMethod]
    public void FromCapabilities_NoSafetyConfigured_ChannelRangeAndCurrentNoWatchdog()
    {
        var caps = new ChannelCapabilities(new ValueRange(0, 5), 10e-3, 1e-9, 1e-3, new HashSet<StepKind>(), new HashSet<TerminationQuantity>(), null, new HashSet<HoldPolicy>());
        var limits = SafetyLimits.FromCapabilities(caps);
        Assert.AreEqual(new SafetyLimits(new ValueRange(0, 5), 10e-3), limits);
        Assert.IsNull(new SafetyMonitor(limits).MaxSilence);
    }

    [TestMethod]
    public void SilenceReason_Configured_NamesTheLimit() =>
        Assert.AreEqual("safety: no sample from the channel for 30 s, the channel limit max_silence 30 s", Monitor.SilenceReason());
}

[TestClass]
public sealed class SilenceWatchdogTests
{
    [TestMethod]
    public void Reset_BeforeTheLimit_DoesNotFire()
    {
        var time = new VirtualTimeProvider();
        using var watchdog = new SilenceWatchdog(time, TimeSpan.FromSeconds(30));
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            watchdog.Reset();
        }

        Assert.IsFalse(watchdog.Fired);
        Assert.IsFalse(watchdog.Token.IsCancellationRequested);
    }

    [TestMethod]
    public void Token_SilentForTheLimit_Cancelled()
    {
        var time = new VirtualTimeProvider();
        using var watchdog = new SilenceWatchdog(time, TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(20));
        watchdog.Reset();
        time.Advance(TimeSpan.FromSeconds(29.9));
        Assert.IsFalse(watchdog.Fired);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.IsTrue(watchdog.Fired);
        Assert.IsTrue(watchdog.Token.IsCancellationRequested);
    }

    [TestMethod]
    public void Token_NoLimit_NeverCancelled()
    {
        var time = new VirtualTimeProvider();
        using var watchdog = new SilenceWatchdog(time, null);
        time.Advance(TimeSpan.FromDays(10));
        Assert.IsFalse(watchdog.Fired);
        Assert.AreEqual(0, time.ScheduledTimerCount);
    }
}
