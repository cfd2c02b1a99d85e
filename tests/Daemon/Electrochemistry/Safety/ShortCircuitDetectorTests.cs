using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Safety;

[TestClass]
public sealed class ShortCircuitDetectorTests
{
    private static ChannelSample At(double t, double voltageV, double currentA, int step = 0) =>
        new(VirtualTimeProvider.DefaultStart.AddSeconds(t), voltageV, currentA, step, t, 0, 0, 1);

    [TestMethod]
    public void Check_VoltageCollapsedUnderCurrent_BreachNamesValueAndFloor()
    {
        var d = new ShortCircuitDetector(new ShortCircuitLimits(1e-4, CollapseBelowV: 0.01, MaxDropV: null));
        Assert.IsNull(d.Check(At(0, 0.105, 2.5e-3)));
        var breach = d.Check(At(1, 0.0025, 2.5e-3));
        Assert.IsNotNull(breach);
        Assert.AreEqual("short_circuit", breach.Signal);
        Assert.AreEqual("safety: short circuit: voltage 0.0025 V collapsed below ±0.01 V while 0.0025 A flowed", breach.Message);
    }

    [TestMethod]
    public void Check_LowVoltageWithoutCurrent_NoBreach()
    {
        var d = new ShortCircuitDetector(new ShortCircuitLimits(1e-4, 0.01, null));
        Assert.IsNull(d.Check(At(0, 0.0001, 0)), "a symmetric cell at rest sits at 0 V");
        Assert.IsNull(d.Check(At(1, 0.002, 5e-5)), "below the current the check starts from");
    }

    [TestMethod]
    public void Check_FastDropAtSteadyCurrent_Breach()
    {
        var d = new ShortCircuitDetector(new ShortCircuitLimits(1e-4, null, MaxDropV: 0.02, OverS: 1));
        Assert.IsNull(d.Check(At(0, 3.900, 1e-3)));
        Assert.IsNull(d.Check(At(1, 3.899, 1e-3)), "1 mV/s: a cell can");
        var breach = d.Check(At(2, 3.500, 1e-3));
        Assert.IsNotNull(breach);
        Assert.AreEqual(0.399, breach.Value, 1e-9);
        StringAssert.StartsWith(breach.Message, "safety: short circuit: voltage fell 399 mV/s (from 3.899 V to 3.5 V in 1 s) at a steady 0.001 A");
    }

    [TestMethod]
    public void Check_FastDropAtAStepStartOrCurrentChange_NoBreach()
    {
        var d = new ShortCircuitDetector(new ShortCircuitLimits(1e-4, null, 0.02));
        Assert.IsNull(d.Check(At(0, 4.1, 1e-3, step: 0)));
        Assert.IsNull(d.Check(At(1, 3.9, -1e-3, step: 1)), "a new step reverses the current: the IR drop is no short");
        Assert.IsNull(d.Check(At(2, 3.8, -2e-3, step: 1)), "the current changed by 100 %: not steady");
    }
}
