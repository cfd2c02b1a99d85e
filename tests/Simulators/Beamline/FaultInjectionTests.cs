using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

/// <summary>Every injected fault surfaces through the device contract as the error a real device gives.</summary>
[TestClass]
public sealed class FaultInjectionTests
{
    [TestMethod]
    public void AnyRequest_Disconnect_FailsAtOnceWithNotConnected()
    {
        var rig = new BeamlineRig();

        foreach (var (name, faults, request) in Requests(rig))
        {
            faults.Inject(DeviceFault.Disconnect);
            var (error, elapsed) = rig.Run(ct => TimedCatchAsync<DeviceNotConnectedException>(rig, () => request(ct)));
            Assert.AreEqual(0, elapsed, name);
            Assert.AreEqual(name.Split(' ')[0], error.Device, name);
            StringAssert.Contains(error.Message, "link down", name);
        }
    }

    [TestMethod]
    public void AnyRequest_Timeout_FailsAfterTheConfiguredReplyTimeoutOnTheVirtualClock()
    {
        var rig = new BeamlineRig(mono: new SimulatedMonochromatorOptions { Faults = new() { Fault = DeviceFault.Timeout, ReplyTimeoutS = 7 } });

        var (monoError, monoElapsed) = rig.Run(ct => TimedCatchAsync<DeviceTimeoutException>(rig, () => rig.Mono.MoveAsync(8400, ct)));
        Assert.AreEqual(7, monoElapsed, 1e-9);
        Assert.AreEqual(TimeSpan.FromSeconds(7), monoError.Timeout);
        StringAssert.Contains(monoError.Message, "no reply to move to 8400.000 eV within 7 s");

        foreach (var (name, faults, request) in Requests(rig))
        {
            faults.Inject(DeviceFault.Timeout);
            var (error, elapsed) = rig.Run(ct => TimedCatchAsync<DeviceTimeoutException>(rig, () => request(ct)));
            Assert.AreEqual(faults.ReplyTimeout.TotalSeconds, elapsed, 1e-9, name);
            Assert.AreEqual(faults.ReplyTimeout, error.Timeout, name);
        }
    }

    [TestMethod]
    public void AnyRequest_GarbageReply_FailsWithDeviceFault()
    {
        var rig = new BeamlineRig();

        foreach (var (name, faults, request) in Requests(rig))
        {
            faults.Inject(DeviceFault.GarbageReply);
            var (error, _) = rig.Run(ct => TimedCatchAsync<DeviceFaultException>(rig, () => request(ct)));
            StringAssert.Contains(error.Message, "unparseable reply", name);
        }
    }

    [TestMethod]
    public void Reads_NaNReading_FailWithDeviceFaultNamingTheQuantity()
    {
        var rig = new BeamlineRig();
        var reads = new (FaultInjector Faults, Func<CancellationToken, Task> Read, string Quantity)[]
        {
            (rig.Mono.Faults, ct => rig.Mono.ReadAsync(ct), "energy is NaN"),
            (rig.Stage.Axis("y").Faults, ct => rig.Stage.Axes["y"].ReadAsync(ct), "position is NaN"),
            (rig.Ring.Faults, ct => rig.Ring.ReadAsync(ct), "ring current is NaN"),
            (rig.Detector.Faults, ct => rig.Detector.TriggerAsync(TimeSpan.FromSeconds(1), ct), "I0 is NaN"),
            (rig.Shutter.Faults, ct => rig.Shutter.IsOpenAsync(ct), "neither open nor closed"),
        };

        foreach (var (faults, read, quantity) in reads)
        {
            faults.Inject(DeviceFault.NaNReading);
            var (error, _) = rig.Run(ct => TimedCatchAsync<DeviceFaultException>(rig, () => read(ct)));
            StringAssert.Contains(error.Message, quantity);
        }
    }

    [TestMethod]
    public void MoveAsync_StuckAxis_FailsAfterTheTimeoutNamingAxisAndPosition()
    {
        var rig = new BeamlineRig(mono: new SimulatedMonochromatorOptions { InitialEnergyEv = 8333 });
        rig.Mono.Faults.Inject(DeviceFault.StuckAxis);
        rig.Stage.Axis("x").Faults.Inject(DeviceFault.StuckAxis);
        rig.Shutter.Faults.Inject(DeviceFault.StuckAxis);

        rig.Run(async ct =>
        {
            var (mono, t1) = await TimedCatchAsync<DeviceFaultException>(rig, () => rig.Mono.MoveAsync(8400, ct));
            StringAssert.Contains(mono.Message, "Bragg axis stuck at");
            StringAssert.Contains(mono.Message, "(8333.000 eV)");
            StringAssert.Contains(mono.Message, "towards 8400.000 eV within 3 s");
            Assert.AreEqual(3, t1, 1e-9);
            Assert.AreEqual(8333, await rig.Mono.ReadAsync(ct), 1e-6, "a stuck axis does not move");

            var (axis, t2) = await TimedCatchAsync<DeviceFaultException>(rig, () => rig.Stage.MoveToAsync(new Dictionary<string, double> { ["x"] = 2, ["y"] = 1 }, ct));
            StringAssert.Contains(axis.Message, "x: axis x stuck at 0.0000 mm: no motion towards 2.0000 mm");
            Assert.AreEqual(3, t2, 1e-9);
            Assert.AreEqual(1, await rig.Stage.Axes["y"].ReadAsync(ct), "the healthy axis still moved");

            var (blade, _) = await TimedCatchAsync<DeviceFaultException>(rig, () => rig.Shutter.CloseAsync(ct));
            StringAssert.Contains(blade.Message, "blade stuck at open");
            Assert.IsTrue(await rig.Shutter.IsOpenAsync(ct));
        });

        Assert.ThrowsExactly<ArgumentException>(() => rig.Detector.Faults.Inject(DeviceFault.StuckAxis));
        Assert.ThrowsExactly<ArgumentException>(() => rig.Ring.Faults.Inject(DeviceFault.StuckAxis));
    }

    [TestMethod]
    public void ReadAsync_FaultFromOptionsWithStartTime_StartsThenClears()
    {
        var rig = new BeamlineRig(ring: new SimulatedRingOptions { RandomDumpsPerHour = 0, Faults = new() { Fault = DeviceFault.Disconnect, ActiveAfterS = 3 * 3600 } });

        rig.Run(async ct =>
        {
            await rig.Ring.ReadAsync(ct);
            await rig.WaitAsync(3 * 3600, ct);
            await BeamlineRig.CatchAsync<DeviceNotConnectedException>(() => rig.Ring.ReadAsync(ct));
            rig.Ring.Faults.Clear();
            Assert.IsTrue((await rig.Ring.ReadAsync(ct)).BeamAvailable);
        });
    }

    [TestMethod]
    public void TriggerAsync_MonochromatorDisconnected_PhysicsCarriesOn()
    {
        var rig = new BeamlineRig();
        rig.Mono.Faults.Inject(DeviceFault.Disconnect);

        var counts = rig.Run(ct => rig.Detector.TriggerAsync(TimeSpan.FromSeconds(1), ct));

        Assert.IsGreaterThan(1e6, counts[SimulatedDetector.I0], "a lost control link does not stop the crystals diffracting");
    }

    private static async Task<(T Error, double ElapsedS)> TimedCatchAsync<T>(BeamlineRig rig, Func<Task> action)
        where T : Exception
    {
        var start = rig.Clock.GetUtcNow();
        var error = await BeamlineRig.CatchAsync<T>(action);
        return (error, (rig.Clock.GetUtcNow() - start).TotalSeconds);
    }

    private static IEnumerable<(string Name, FaultInjector Faults, Func<CancellationToken, Task> Request)> Requests(BeamlineRig rig)
    {
        var x = rig.Stage.Axis("x");
        yield return ("mono move", rig.Mono.Faults, ct => rig.Mono.MoveAsync(8400, ct));
        yield return ("mono read", rig.Mono.Faults, ct => rig.Mono.ReadAsync(ct));
        yield return ("mono stop", rig.Mono.Faults, ct => rig.Mono.StopAsync(ct));
        yield return ("x move", x.Faults, ct => x.MoveAsync(1, ct));
        yield return ("x read", x.Faults, ct => x.ReadAsync(ct));
        yield return ("stage move", rig.Stage.Faults, ct => rig.Stage.MoveToAsync(new Dictionary<string, double> { ["y"] = 1 }, ct));
        yield return ("ring read", rig.Ring.Faults, ct => rig.Ring.ReadAsync(ct));
        yield return ("shutter close", rig.Shutter.Faults, ct => rig.Shutter.CloseAsync(ct));
        yield return ("shutter state", rig.Shutter.Faults, ct => rig.Shutter.IsOpenAsync(ct));
        yield return ("det trigger", rig.Detector.Faults, ct => rig.Detector.TriggerAsync(TimeSpan.FromSeconds(1), ct));
        yield return ("det stop", rig.Detector.Faults, ct => rig.Detector.StopAsync(ct));
    }
}
