using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

[TestClass]
public sealed class SimulatedMonochromatorTests
{
    [TestMethod]
    public void MoveAsync_LargerSteps_TakeLongerAndIncludeTheSettleTime()
    {
        var rig = new BeamlineRig(mono: new SimulatedMonochromatorOptions { InitialEnergyEv = 8300, SettleS = 0.1 });

        var times = rig.Run(async ct =>
        {
            var result = new List<double>();
            double energy = 8300;
            foreach (double step in new[] { 0.25, 1, 10, 100, 500 })
            {
                energy += step;
                result.Add(await rig.TimeAsync(() => rig.Mono.MoveAsync(energy, ct)));
            }

            return result;
        });

        for (int i = 1; i < times.Count; i++)
        {
            Assert.IsGreaterThan(times[i - 1], times[i], $"move times {string.Join(", ", times)} s");
        }

        Assert.IsGreaterThan(0.1, times[0], "every real move includes the settle time");
        Assert.IsLessThan(0.2, times[0], "a 0.25 eV step near Ni K costs tens of ms plus settle");
    }

    [TestMethod]
    public void MoveAsync_ToThePresentEnergy_IsANoOpTakingNoTime()
    {
        var rig = new BeamlineRig();

        double elapsed = rig.Run(async ct =>
        {
            await rig.Mono.MoveAsync(8350, ct);
            return await rig.TimeAsync(() => rig.Mono.MoveAsync(8350, ct));
        });

        Assert.AreEqual(0, elapsed);
    }

    [TestMethod]
    public void MoveAsync_DownInEnergy_OvershootsThenApproachesFromBelow()
    {
        var rig = new BeamlineRig(mono: new SimulatedMonochromatorOptions { InitialEnergyEv = 8400 });
        var trace = new List<double>();

        var (down, up) = rig.Run(async ct =>
        {
            var move = rig.TimeAsync(() => rig.Mono.MoveAsync(8350, ct));
            while (!move.IsCompleted)
            {
                trace.Add(await rig.Mono.ReadAsync(ct));
                await rig.WaitAsync(0.005, ct);
            }

            double d = await move;
            await rig.Mono.MoveAsync(8300, ct);
            double u = await rig.TimeAsync(() => rig.Mono.MoveAsync(8350, ct));
            return (d, u);
        });

        Assert.IsLessThan(8348, trace.Min(), "the downward move passes below the target by the backlash (0.005° ≈ 3.0 eV)");
        Assert.AreEqual(8350, trace[^1], 1e-6, "and ends at the target");
        Assert.IsGreaterThan(up, down, "the backlash loop costs time");
    }

    [TestMethod]
    public void MoveAsync_OutOfRange_ThrowsCapabilityNamingValueAndRange()
    {
        var rig = new BeamlineRig();

        var error = rig.Run(ct => BeamlineRig.CatchAsync<CapabilityException>(() => rig.Mono.MoveAsync(30000, ct)));

        StringAssert.Contains(error.Message, "30000 eV");
        StringAssert.Contains(error.Message, "2100..25000 eV");
        Assert.AreEqual("mono", error.Device);
    }

    [TestMethod]
    public void StopAsync_DuringMove_StopsShortAndMoveFails()
    {
        var rig = new BeamlineRig(mono: new SimulatedMonochromatorOptions { InitialEnergyEv = 8000 });

        var (error, stoppedAt, later) = rig.Run(async ct =>
        {
            var move = rig.Mono.MoveAsync(9000, ct);
            await rig.WaitAsync(0.3, ct);
            await rig.Mono.StopAsync(ct);
            var e = await BeamlineRig.CatchAsync<InvalidDeviceStateException>(() => move);
            double at = await rig.Mono.ReadAsync(ct);
            await rig.WaitAsync(5, ct);
            return (e, at, await rig.Mono.ReadAsync(ct));
        });

        Assert.IsTrue(stoppedAt is > 8000 and < 9000, $"stopped at {stoppedAt} eV");
        Assert.AreEqual(stoppedAt, later, "a stopped axis stays put");
        StringAssert.Contains(error.Message, "stopped at");
    }

    [TestMethod]
    public void Constructor_InvalidSettings_ThrowsNamingTheSetting()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            new SimulatedMonochromator(new SimulatedMonochromatorOptions { SettleS = -1 }, TimeProvider.System));

        StringAssert.Contains(error.Message, "mono.SettleS: -1 s");
    }
}
