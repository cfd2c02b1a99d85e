using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

[TestClass]
public sealed class SimulatedMotorAxisTests
{
    private static readonly SimulatedMotorAxisOptions Axis = new() { VelocityMmPerS = 2, AccelerationMmPerS2 = 10, SettleS = 0.05 };

    [TestMethod]
    [DataRow(10.0, 5.2)] // reaches 2 mm/s: d/v + v/a = 5 + 0.2 s
    [DataRow(0.1, 0.2)] // triangular: 2·sqrt(d/a) = 0.2 s
    [DataRow(0.4, 0.4)] // exactly v²/a: both formulas give 0.4 s
    public void MoveAsync_Distance_TakesTheTrapezoidalTimePlusSettle(double distanceMm, double profileS)
    {
        var clock = new OperandoRig.Simulators.Time.VirtualTimeProvider();
        var axis = new SimulatedMotorAxis(Axis, clock);

        double elapsed = new OperandoRig.Simulators.Time.SimulationLoop(clock).Run(async ct =>
        {
            var start = clock.GetUtcNow();
            await axis.MoveAsync(distanceMm, ct);
            return (clock.GetUtcNow() - start).TotalSeconds;
        });

        Assert.AreEqual(profileS + 0.05, elapsed, 1e-6);
        Assert.AreEqual(profileS + 0.05, axis.MoveDurationS(distanceMm), 1e-9);
    }

    [TestMethod]
    public void PositionMmAt_DuringMove_FollowsTheProfile()
    {
        var clock = new OperandoRig.Simulators.Time.VirtualTimeProvider();
        var axis = new SimulatedMotorAxis(Axis, clock);
        new OperandoRig.Simulators.Time.SimulationLoop(clock).Run(async ct =>
        {
            var move = axis.MoveAsync(10, ct);
            await Task.Delay(TimeSpan.FromSeconds(0.1), clock, ct);
            Assert.AreEqual(0.5 * 10 * 0.1 * 0.1, await axis.ReadAsync(ct), 1e-9, "accelerating: a·t²/2");
            await Task.Delay(TimeSpan.FromSeconds(2.5), clock, ct);
            Assert.AreEqual(5.0, await axis.ReadAsync(ct), 1e-9, "half-way at half time (symmetric profile)");
            await move;
        });

        Assert.AreEqual(10, axis.PositionMmAt(clock.GetUtcNow()));
    }

    [TestMethod]
    public void MoveAsync_BeyondLimit_ThrowsCapabilityAndDoesNotMove()
    {
        var clock = new OperandoRig.Simulators.Time.VirtualTimeProvider();
        var axis = new SimulatedMotorAxis(Axis, clock);

        var error = new OperandoRig.Simulators.Time.SimulationLoop(clock).Run(ct => BeamlineRig.CatchAsync<CapabilityException>(() => axis.MoveAsync(30, ct)));

        StringAssert.Contains(error.Message, "30 mm is outside the limits -25..25 mm of axis x");
        Assert.AreEqual(0, axis.PositionMmAt(clock.GetUtcNow()));
    }

    [TestMethod]
    public void MoveAsync_WhileMoving_ThrowsInvalidState()
    {
        var clock = new OperandoRig.Simulators.Time.VirtualTimeProvider();
        var axis = new SimulatedMotorAxis(Axis, clock);

        new OperandoRig.Simulators.Time.SimulationLoop(clock).Run(async ct =>
        {
            var first = axis.MoveAsync(10, ct);
            await BeamlineRig.CatchAsync<InvalidDeviceStateException>(() => axis.MoveAsync(-10, ct));
            await first;
        });

        Assert.AreEqual(10, axis.PositionMmAt(clock.GetUtcNow()));
    }
}
