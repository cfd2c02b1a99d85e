using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Potentiostat;
using static OperandoRig.Daemon.Tests.Electrochemistry.Protocols.ExampleProtocolsTests;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

/// <summary>
/// The example experiments for the protocol language's control flow and macros do on the simulators what they
/// say: GITT ends on the cut-off, the fade loop on the capacity, the group on its time, the ladder holds its
/// levels, constant power holds V·I, the critical-current run stops at the short.
/// </summary>
[TestClass]
public sealed class ExampleFeatureTests
{
    [TestMethod]
    public void Gitt_PtoBothDirections_EachEndsWhenAPulseReachesItsCutoff()
    {
        var run = RunWithCursor(Load("gitt-eis-pto.yaml"));

        CollectionAssert.AreEqual(new[] { "a pulse reached the cut-off 1.5 V", "a pulse reached the cut-off 3.5 V" },
            run.Cursor.Decisions.Select(d => d[(d.IndexOf(": ", d.IndexOf("iterations", StringComparison.Ordinal), StringComparison.Ordinal) + 2)..]).ToArray());
        var pulses = run.Segments.SelectMany(s => s.Steps).Where(s => s.Step.Label.EndsWith("pulse", StringComparison.Ordinal)).ToList();
        Assert.IsGreaterThan(4, pulses.Count);
        var lastDischargePulse = run.Samples.Where((s, i) => run.SampleSegments[i].Steps[s.StepIndex].Step.Label == "gitt-discharge pulse").Last();
        Assert.AreEqual(1.5, lastDischargePulse.VoltageV, 10e-3, $"(10 s integration steps) the last discharge pulse ended at the cut-off, not at {lastDischargePulse.VoltageV} V");
        Assert.AreEqual(pulses.Count, run.ImpedancePoints.Select(p => (p.Segment.Number, p.Point.StepIndex)).Distinct().Count(), "one sweep after every pulse");
    }

    [TestMethod]
    public void ConditionLoop_FadingNmc811_EndsWhenDischargeFallsBelow80PercentOfCycle1()
    {
        var run = RunWithCursor(Load("cycling-until-80-percent.yaml"));

        var cycles = run.Cursor.State.CompletedCycles;
        StringAssert.Contains(run.Cursor.Decisions.Single(), $"ended after {cycles.Count} iterations: discharge capacity < 80 % of cycle 1");
        Assert.IsLessThan(100, cycles.Count, "the condition, not the maximum, ended the loop");
        Assert.IsLessThan(0.8 * cycles[0].DischargeAh, cycles[^1].DischargeAh);
        Assert.IsTrue(cycles.SkipLast(1).All(c => c.DischargeAh >= 0.8 * cycles[0].DischargeAh), "it went on while above 80 %");
    }

    [TestMethod]
    public void Group_BeamtimeWindow_EndsAllItsStepsWhenTheTwelveHoursAreUp()
    {
        var run = RunWithCursor(Load("group-beamtime-window.yaml"));

        StringAssert.Contains(run.Cursor.Decisions.Single(), "group 'beamtime' ended on its limit group 'beamtime' time >= 12 h");
        var inGroup = run.Segments.SelectMany(s => s.Steps).Where(s => s.Step.Label != "rest").ToList();
        Assert.IsLessThan(40, inGroup.Count, "the group ended before its 20 cycles");
        var groupEnd = run.Samples.Where((s, i) => run.SampleSegments[i].Steps[s.StepIndex].Step.Label != "rest").Last();
        Assert.AreEqual(12 * 3600, (groupEnd.Timestamp - run.Samples[0].Timestamp).TotalSeconds, 60, $"12 h of steps, plus reload instants; ended at {groupEnd}");
        Assert.AreEqual("rest", run.Segments[^1].Steps.Single().Step.Label);
    }

    [TestMethod]
    public void Ladder_Nmc83_HoldsEachLevel()
    {
        var e = Load("potentiostatic-ladder.yaml");
        var run = RunWithCursor(e);

        var levels = e.Protocol.Steps.Where(s => s.Step.Kind == StepKind.ConstantVoltage).Select(s => s.Step.VoltageV).ToArray();
        CollectionAssert.AreEqual(new[] { 3.9, 3.6, 3.3, 3.0, 2.7, 3.4, 4.0, 4.2 }, levels.Select(v => Math.Round(v, 6)).ToArray());
        var seg = run.Segments.Single();
        for (var i = 0; i < seg.Steps.Count; i++)
        {
            if (seg.Steps[i].Step.Kind == StepKind.ConstantVoltage)
            {
                var end = run.Samples.Last(s => s.StepIndex == i);
                Assert.AreEqual(seg.Steps[i].Step.VoltageV, end.VoltageV, 3e-3, $"level {seg.Steps[i].Step.Label} is held");
            }
        }
    }

    [TestMethod]
    public void ConstantPower_Nmc83_DischargesAtTheSetPower()
    {
        var run = RunWithCursor(Load("constant-power.yaml"));

        var seg = run.Segments.Single();
        foreach (var (index, powerW) in new[] { (2, -3e-3), (6, -1.5e-3) })
        {
            Assert.AreEqual(StepKind.ConstantPower, seg.Steps[index].Step.Kind);
            var samples = run.Samples.Where(s => s.StepIndex == index && s.StepTimeS > 0).ToList();
            Assert.IsGreaterThan(100, samples.Count);
            Assert.IsTrue(samples.All(s => Math.Abs((s.VoltageV * s.CurrentA) - powerW) < Math.Abs(powerW) * 0.01), $"V·I = {powerW} W");
            Assert.AreEqual(2.6, samples[^1].VoltageV, 10e-3, $"(10 s integration steps) ends at the cut-off: {samples[^1]}");
        }
    }

    [TestMethod]
    public void CriticalCurrent_Symmetric_StopsTheWholeProtocolAtTheShort()
    {
        var run = RunWithCursor(Load("symmetric-critical-current.yaml"));

        var lastPlate = run.Segments.SelectMany(s => s.Steps).Last();
        Assert.AreEqual("plate", lastPlate.Step.Label);
        Assert.AreEqual(2e-3 * 1.3, lastPlate.Step.CurrentA, 1e-9, "the short comes at 2 mA/cm2, above the 1 mA/cm2 critical density");
        Assert.IsLessThan(0.005, run.Samples[^1].VoltageV);
        StringAssert.Contains(run.Cursor.Decisions.Single(), "to 'end' (1. time): voltage <= 5 mV");
    }

    [TestMethod]
    public void Gitt_DeviceWithoutDvDt_DaemonEmulatesTheRestEndAndStillCompletes()
    {
        var withoutSlope = new HashSet<TerminationQuantity>(Enum.GetValues<TerminationQuantity>().Except([TerminationQuantity.AbsVoltageSlopeVPerS]));
        var e = Load("gitt-eis-pto.yaml", new SimulatedChannelOptions { SamplePeriodS = 10, IntegrationStepS = 10, DeviceTerminations = withoutSlope });

        var run = RunWithCursor(e);

        Assert.IsTrue(e.Report.Steps.SelectMany(s => s.Conditions).Any(c => c.RunsOn == ConditionRunsOn.Daemon && c.Text.StartsWith("dV/dt", StringComparison.Ordinal)));
        Assert.IsNotEmpty(run.EmulatedStops, "some rests ended on the emulated dV/dt");
        Assert.IsTrue(run.EmulatedStops.All(s => s.StartsWith("dV/dt", StringComparison.Ordinal)));
        Assert.IsTrue(run.Segments.All(s => s.Steps.SkipLast(1).All(x => x.Emulated.Count == 0)), "only a segment's last step has emulated conditions");
    }
}
