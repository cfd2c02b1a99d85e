using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

[TestClass]
public sealed class SimulatedShutterTests
{
    [TestMethod]
    public void OpenAsync_TakesTheMoveTime_ThenReportsOpen()
    {
        var rig = new BeamlineRig(shutter: new SimulatedShutterOptions { MoveTimeS = 0.5 });

        var (elapsed, open, again) = rig.Run(async ct =>
        {
            await rig.Shutter.CloseAsync(ct);
            double t = await rig.TimeAsync(() => rig.Shutter.OpenAsync(ct));
            return (t, await rig.Shutter.IsOpenAsync(ct), await rig.TimeAsync(() => rig.Shutter.OpenAsync(ct)));
        });

        Assert.AreEqual(0.5, elapsed, 1e-9);
        Assert.IsTrue(open);
        Assert.AreEqual(0, again, "opening an open shutter is a no-op");
    }

    [TestMethod]
    public void IsOpenAsync_Interlocked_ClosesAtTheDumpAndRefusesToOpenWithoutBeam()
    {
        var rig = new BeamlineRig(ring: new SimulatedRingOptions { RandomDumpsPerHour = 0, ScheduledDumpsAfterS = [100], RefillDelayS = 600, RefillDurationS = 60 });

        rig.Run(async ct =>
        {
            Assert.IsTrue(await rig.Shutter.IsOpenAsync(ct));
            await rig.WaitAsync(101, ct);
            Assert.IsFalse(await rig.Shutter.IsOpenAsync(ct), "closed by the dump");
            var error = await BeamlineRig.CatchAsync<InvalidDeviceStateException>(() => rig.Shutter.OpenAsync(ct));
            StringAssert.Contains(error.Message, "no beam permit");
            await rig.WaitAsync(700, ct);
            Assert.IsFalse(await rig.Shutter.IsOpenAsync(ct), "stays closed after the refill until opened");
            await rig.Shutter.OpenAsync(ct);
            Assert.IsTrue(await rig.Shutter.IsOpenAsync(ct));
        });
    }
}
