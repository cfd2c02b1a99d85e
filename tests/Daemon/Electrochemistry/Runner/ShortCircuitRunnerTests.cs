using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// A Li | LPSCl | Li cell plated above its critical current density grows a dendrite and shorts; the runner sees the
/// voltage collapse, stops the cell within one sample period and ends the run Faulted naming the short.
/// </summary>
[TestClass]
public sealed class ShortCircuitRunnerTests
{
    [TestMethod]
    [DataRow(0.01, null, "safety: short circuit: voltage ")]
    [DataRow(null, 0.02, "safety: short circuit: voltage fell ")]
    public async Task Run_PlatingAboveTheCriticalCurrent_TripsOnTheShort(double? collapseBelowV, double? maxDropV, string reasonStart)
    {
        await using var rig = await RunnerRig.CreateAsync();
        var cell = new LumpedCellModel(CellPresets.Load("li-lpscl-li"));
        var limits = new SafetyLimits(new ValueRange(-1, 1), 5e-3) { ShortCircuit = new ShortCircuitLimits(1e-4, collapseBelowV, maxDropV) };
        var runner = await rig.AddChannelAsync(cell, limits, voltageRangeV: new ValueRange(-5, 5));
        var runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(RunnerRig.Protocol(RunnerRig.Cc(2.53e-3, null, 1800, "plate")), "ccd", ct); // 2 mA/cm2 on 1.267 cm2
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Faulted, runner.State);
        StringAssert.StartsWith(runner.EndReason, reasonStart);
        var samples = await rig.ReadSamplesAsync(runId);
        var collapsed = samples.FindIndex(s => s.StepTimeS > 0 && s.VoltageV < 0.01);
        Assert.IsGreaterThan(60, collapsed, "plated for a while before the dendrite bridged the pellet");
        Assert.IsLessThan(1800, samples[^1].StepTimeS, "the run did not go on to the end of the step");
        Assert.IsLessThanOrEqualTo(samples[collapsed].TimeUnixS + 1, samples[^1].TimeUnixS, "stopped within one sample period of the collapse");
    }
}
