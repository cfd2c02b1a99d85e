using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

[TestClass]
public sealed class SimulatedStageTests
{
    [TestMethod]
    public void MoveToAsync_TwoAxes_MoveTogetherAndTakeTheSlowestTime()
    {
        var rig = new BeamlineRig();

        double elapsed = rig.Run(ct => rig.TimeAsync(() => rig.Stage.MoveToAsync(new Dictionary<string, double> { ["x"] = 10, ["y"] = 1 }, ct)));

        Assert.AreEqual(rig.Stage.Axis("x").MoveDurationS(10), elapsed, 1e-6, "x (10 mm) is the slower axis");
        var at = rig.Stage.PositionsMmAt(rig.Clock.GetUtcNow());
        Assert.AreEqual(10, at["x"]);
        Assert.AreEqual(1, at["y"]);
        Assert.AreEqual(0, at["z"]);
    }

    [TestMethod]
    public void MoveToAsync_OneTargetBeyondLimit_ThrowsAndMovesNothing()
    {
        var rig = new BeamlineRig();

        var error = rig.Run(ct => BeamlineRig.CatchAsync<CapabilityException>(() =>
            rig.Stage.MoveToAsync(new Dictionary<string, double> { ["x"] = 10, ["z"] = 6 }, ct)));

        StringAssert.Contains(error.Message, "6 mm is outside the limits -5..5 mm of axis z");
        Assert.AreEqual(0, rig.Stage.PositionsMmAt(rig.Clock.GetUtcNow())["x"]);
        Assert.AreEqual(0, rig.ElapsedS);
    }

    [TestMethod]
    public void MoveToAsync_UnknownAxis_ThrowsCapabilityListingTheAxes()
    {
        var rig = new BeamlineRig();

        var error = rig.Run(ct => BeamlineRig.CatchAsync<CapabilityException>(() =>
            rig.Stage.MoveToAsync(new Dictionary<string, double> { ["theta"] = 1 }, ct)));

        StringAssert.Contains(error.Message, "unknown axis 'theta'; the stage has x, y, z");
    }
}
