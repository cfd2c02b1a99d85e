using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Potentiostat;

namespace OperandoRig.Simulators.Tests.Potentiostat;

/// <summary>Constant-power steps: I = P/V every integration step, positive power charges.</summary>
[TestClass]
public sealed class SimulatedChannelPowerTests
{
    private static ChannelStep Power(double powerW, params Termination[] until) =>
        new(StepKind.ConstantPower, 0, 0, until, "cp", 1, PowerW: powerW);

    [TestMethod]
    public void ConstantPower_Discharge_HoldsVTimesIAtThePowerAsTheVoltageFalls()
    {
        var h = new ChannelHarness(initialSoc: 0.9);
        var cutoff = new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrBelow, 3.3);

        var records = h.Run([Power(-2e-3, cutoff, Termination.AfterSeconds(36000))]);

        var samples = records.OfType<ChannelSample>().Skip(1).ToList(); // the start sample precedes the first current
        Assert.IsGreaterThan(100, samples.Count);
        foreach (var s in samples)
        {
            Assert.AreEqual(-2e-3, s.VoltageV * s.CurrentA, 2e-3 * 0.01, $"P = V·I at {s.StepTimeS} s: {s.VoltageV} V × {s.CurrentA} A");
        }

        Assert.IsGreaterThan(Math.Abs(samples[0].CurrentA), Math.Abs(samples[^1].CurrentA), "the current grows as the voltage falls");
        Assert.IsLessThan(0, samples[^1].StepChargeAh, "negative power discharges");
        Assert.AreEqual(3.3, samples[^1].VoltageV, 2e-3, "the voltage cut-off ends the step");
        Assert.AreEqual("completed", ((ChannelFinished)records[^1]).Reason);
    }

    [TestMethod]
    public void ConstantPower_Charge_PositivePowerPassesPositiveCharge()
    {
        var h = new ChannelHarness(initialSoc: 0.2);

        var samples = h.Run([Power(1e-3, Termination.AfterSeconds(600))]).OfType<ChannelSample>().ToList();

        Assert.IsTrue(samples.Skip(1).All(s => s.CurrentA > 0));
        var energyWh = samples.Zip(samples.Skip(1), (a, b) => b.VoltageV * b.CurrentA * (b.StepTimeS - a.StepTimeS) / 3600).Sum();
        Assert.AreEqual(1e-3 * 600 / 3600, energyWh, 1e-3 * 600 / 3600 * 0.01, "energy = P·t");
    }

    [TestMethod]
    public void ConstantPower_CurrentBeyondTheRange_FaultsNamingPowerVoltageAndCurrent()
    {
        var h = new ChannelHarness(new SimulatedChannelOptions { MaxAbsCurrentA = 1e-3, VoltageNoiseV = 0, CurrentNoiseA = 0 }, initialSoc: 0.5);

        var end = (ChannelFinished)h.Run([Power(-10e-3, Termination.AfterSeconds(60))])[^1];

        Assert.AreEqual(ChannelState.Faulted, end.FinalState);
        StringAssert.StartsWith(end.Reason, "compliance: constant power -0.01 W at ");
        StringAssert.Contains(end.Reason, "beyond the channel's ±0.001 A");
    }

    [TestMethod]
    public void Load_ZeroPower_RejectedAsACapabilityError()
    {
        var h = new ChannelHarness();

        var ex = Assert.ThrowsExactly<CapabilityException>(() => h.Channel.LoadAsync([Power(0, Termination.AfterSeconds(60))], CancellationToken.None).GetAwaiter().GetResult());

        StringAssert.Contains(ex.Message, "constant power 0 W must be a finite, non-zero power");
    }

    [TestMethod]
    public void Capabilities_ListConstantPowerAndTheConfiguredDeviceTerminations()
    {
        var caps = new SimulatedChannelOptions { DeviceTerminations = new HashSet<TerminationQuantity> { TerminationQuantity.VoltageV, TerminationQuantity.StepTimeS } }
            .ToCapabilities(withImpedance: false);

        Assert.Contains(StepKind.ConstantPower, caps.StepKinds);
        Assert.HasCount(2, caps.DeviceTerminations);
        Assert.DoesNotContain(TerminationQuantity.AbsVoltageSlopeVPerS, caps.DeviceTerminations);
    }
}
