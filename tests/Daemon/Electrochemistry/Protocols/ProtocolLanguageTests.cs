using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

/// <summary>The control-flow and macro parts of the protocol language: loops with conditions, groups, labels, gotos, GITT, ladders, power.</summary>
[TestClass]
public sealed class ProtocolLanguageTests
{
    [TestMethod]
    public void Parse_ConditionLoop_KeepsTheConditionAndMax()
    {
        var p = ProtocolParser.Parse("""
            cell: { capacity: 1.78 mAh }
            steps:
              - repeat: { until: 'discharge capacity < 80 % of cycle 1', max: 500 }
                steps: [Charge at C/10 until 4.25 V, Discharge at C/10 until 2.6 V]
            """, "loop.yaml");

        var loop = (LoopNode)p.Body.Single();
        Assert.IsNull(loop.Count);
        Assert.AreEqual(500, loop.MaxIterations);
        Assert.IsTrue(loop.CountsCycles);
        Assert.AreEqual(new ControlCondition(ControlQuantity.DischargeCapacityAh, TerminationComparison.AtOrBelow, 0.8, "discharge capacity < 80 % of cycle 1", 1),
            loop.StopWhen);
        Assert.IsFalse(p.IsLinear);
        Assert.HasCount(2, p.Steps, "a non-linear protocol lists each definition once");
        Assert.ThrowsExactly<InvalidOperationException>(() => p.ChannelSteps);
    }

    [TestMethod]
    public void Parse_SentenceForms_CccvPowerOcvAndWrittenConditions()
    {
        var p = ProtocolParser.Parse("""
            cell: { capacity: 2 mAh }
            steps:
              - repeat: 1
                steps:
                  - Charge at C/10 until 4.25 V then hold until C/50 or 15 h
                  - Discharge at 5 mW until 2.6 V
              - OCV for 10 min
              - Rest until dV/dt <= 0.1 mV/min or 1 h
              - Discharge at C/10 until capacity >= 50 % of cycle 1 or 2.6 V
            """, "s.yaml");

        var cccv = p.Definitions[0];
        Assert.AreEqual(StepKind.ConstantCurrentConstantVoltage, cccv.Kind);
        Assert.AreEqual(0.2e-3, cccv.CurrentA, 1e-12);
        Assert.AreEqual(4.25, cccv.VoltageV);
        Assert.AreEqual(new Termination(TerminationQuantity.AbsCurrentA, TerminationComparison.AtOrBelow, 0.04e-3), cccv.Until[0].Termination);
        var power = p.Definitions[1];
        Assert.AreEqual(StepKind.ConstantPower, power.Kind);
        Assert.AreEqual(-5e-3, power.PowerW, 1e-12);
        Assert.AreEqual(StepKind.Rest, p.Definitions[2].Kind);
        Assert.AreEqual(TerminationQuantity.AbsVoltageSlopeVPerS, p.Definitions[3].Until[0].Termination.Quantity);
        Assert.AreEqual(StepConditionKind.FractionOfCycle, p.Definitions[4].Until[0].Kind);
        Assert.AreEqual(0.5, p.Definitions[4].Until[0].Termination.Threshold);
    }

    [TestMethod]
    public void Parse_StructuredPower_SignFollowsDirection()
    {
        var p = ProtocolParser.Parse("steps:\n  - charge: { power: 2 mW, until: voltage >= 4.2 V }\n  - discharge: { power: 2 mW, until: voltage <= 3 V }", "p.yaml");

        Assert.AreEqual(2e-3, p.Steps[0].Step.PowerW, 1e-12);
        Assert.AreEqual(-2e-3, p.Steps[1].Step.PowerW, 1e-12);
        Assert.AreEqual(StepKind.ConstantPower, p.Steps[1].Step.Kind);
    }

    [TestMethod]
    public void Parse_Gitt_LowersToAPulseRestEisLoopThatEndsOnTheCutoff()
    {
        var p = ProtocolParser.Parse("""
            cell: { active_mass: 2.6 mg, specific_capacity: 409 mAh/g }
            steps:
              - gitt: { discharge: C/10, pulse: 30 min, rest: 30 min, rest_until: 'dV/dt <= 0.1 mV/min', until: 1.5 V,
                        eis: { from: 1 MHz, to: 100 mHz, points_per_decade: 5, amplitude: 10 mV } }
            """, "gitt.yaml");

        var loop = (LoopNode)p.Body.Single();
        Assert.AreEqual("gitt", loop.Kind);
        Assert.IsFalse(loop.CountsCycles);
        Assert.AreEqual(ControlQuantity.StepEndedOnVoltage, loop.StopWhen!.Quantity);
        Assert.AreEqual(40, loop.MaxIterations, "default: twice the 20 pulses of C/10 × 30 min a full capacity takes");
        var pulse = ((StepNode)loop.Body[0]).Step;
        Assert.AreEqual(-2.6e-3 * 0.409 / 10, pulse.CurrentA, 1e-12);
        CollectionAssert.AreEqual(new[] { Termination.AfterSeconds(1800), new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrBelow, 1.5) },
            pulse.Until.Select(c => c.Termination).ToArray());
        Assert.HasCount(2, ((StepNode)loop.Body[1]).Step.Until);
        Assert.IsTrue(((StepNode)loop.Body[2]).Step.HoldAtPresentVoltage);
        Assert.AreEqual("steps[0].gitt.pulse", pulse.Field);
    }

    [TestMethod]
    public void Parse_LadderFromToStep_MakesOneHoldPerLevel()
    {
        var p = ProtocolParser.Parse("""
            cell: { capacity: 1 mAh }
            steps:
              - ladder: { from: 3.9 V, to: 3.3 V, step: 200 mV, hold: 30 min, until: current <= C/50 }
              - ladder: { potentials: [1.5 V, 1.0 V, 0.5 V, 4 V], hold: 10 min }
            """, "ladder.yaml");

        Assert.IsTrue(p.IsLinear);
        CollectionAssert.AreEqual(new[] { 3.9, 3.7, 3.5, 3.3, 1.5, 1.0, 0.5, 4.0 }, p.Steps.Select(s => Math.Round(s.Step.VoltageV, 9)).ToArray());
        Assert.IsTrue(p.Steps.All(s => s.Step.Kind == StepKind.ConstantVoltage));
        CollectionAssert.AreEqual(new[] { Termination.AfterSeconds(1800), new Termination(TerminationQuantity.AbsCurrentA, TerminationComparison.AtOrBelow, 2e-5) },
            p.Steps[0].Step.Terminations.ToArray());
        Assert.AreEqual("ladder 3.7 V", p.Steps[1].Step.Label);
    }

    [TestMethod]
    public void Parse_GroupsLabelsAndGotos_BuildTheTree()
    {
        var p = ProtocolParser.Parse("""
            cell: { capacity: 1 mAh, area: 1 cm2 }
            steps:
              - label: start
              - group: ccd
                until: [time >= 24 h, voltage <= 5 mV]
                on_limit: stop
                steps:
                  - charge: { current: 0.1 mA/cm2, duration: 30 min }
              - goto: { to: start, if: 'cycles < 3', max: 5 }
              - goto: end
            """, "tree.yaml");

        var group = (GroupNode)p.Body[1];
        Assert.IsTrue(group.StopProtocolOnLimit);
        Assert.AreEqual(86400, group.TimeLimitS);
        CollectionAssert.AreEqual(new[] { 0 }, p.Definitions[0].GroupIds.ToArray());
        var back = (GotoNode)p.Body[2];
        Assert.AreEqual(5, back.MaxTimes);
        Assert.AreEqual(ControlQuantity.CompletedCycles, back.When!.Quantity);
        Assert.AreEqual("end", ((GotoNode)p.Body[3]).Target);
    }

    [TestMethod]
    [DataRow("steps:\n  - repeat: 2\n    steps:\n      - label: inside\n      - Rest for 1 s\n  - goto: { to: inside, max: 1 }", 6, "steps[1].goto",
        "jumps into the loop at steps[0] (line 2) from outside it")]
    [DataRow("steps:\n  - goto: inner\n  - group: g\n    until: time >= 1 h\n    steps:\n      - label: inner\n      - Rest for 1 s", 2, "steps[0].goto",
        "jumps into the group at steps[1]")]
    [DataRow("steps:\n  - Rest for 1 s\n  - goto: nowhere", 3, "steps[1].goto", "'nowhere' is not a label of this protocol")]
    [DataRow("steps:\n  - label: a\n  - Rest for 1 s\n  - label: a", 4, "steps[2].label", "label 'a' is defined twice")]
    [DataRow("steps:\n  - label: top\n  - Rest for 1 s\n  - goto: top", 4, "steps[2].goto", "jumps back and could repeat forever; add max")]
    [DataRow("steps:\n  - label: end", 2, "steps[0].label", "'end' is reserved")]
    [DataRow("steps:\n  - repeat: { until: 'cycles >= 5' }\n    steps: [Rest for 1 s]", 2, "steps[0].repeat.max", "needs a maximum number of iterations")]
    [DataRow("steps:\n  - repeat: { until: 'cycles >= 5', while: 'cycles < 5', max: 9 }\n    steps: [Rest for 1 s]", 2, "steps[0].repeat", "give either 'until")]
    [DataRow("steps:\n  - repeat: { until: 'discharge capacity < 80', max: 9 }\n    steps: [Rest for 1 s]", 2, "steps[0].repeat.until", "'80' has no unit")]
    [DataRow("steps:\n  - repeat: { until: 'happiness > 3', max: 9 }\n    steps: [Rest for 1 s]", 2, "steps[0].repeat.until", "is not a loop condition")]
    [DataRow("steps:\n  - Rest for 1 s\n  - charge: { current: 1 mA, until: 'capacity >= 80 % of cycle 1' }", 3, "steps[1]",
        "refers to cycle 1, which may not have ended when this is first evaluated (no cycle has ended there yet)")]
    [DataRow("steps:\n  - repeat: { until: 'discharge capacity < 80 % of cycle 2', max: 9 }\n    steps: [Charge at 1 mA for 1 h]", 2, "steps[0]",
        "refers to cycle 2, which may not have ended")]
    [DataRow("steps:\n  - charge: { current: 1 mA, until: 'cycle capacity <= 1 mAh' }", 2, "steps[0].charge.until", "write 'cycle capacity >= ...'")]
    [DataRow("steps:\n  - ladder: { from: 3.9 V, to: 3.0 V, step: 200 mV, hold: 10 min }", 2, "steps[0].ladder.step", "must divide the span 3.9 V .. 3 V")]
    [DataRow("steps:\n  - ladder: { from: 3.9 V, to: 3.0 V, step: 100 mV }", 2, "steps[0].ladder.hold", "each level needs a hold time")]
    [DataRow("steps:\n  - gitt: { pulse: 30 min, rest: 30 min, until: 1.5 V, max_pulses: 9 }", 2, "steps[0].gitt.discharge", "give the pulse current")]
    [DataRow("steps:\n  - gitt: { discharge: 1 mA, pulse: 30 min, rest: 30 min, until: 1.5 V }", 2, "steps[0].gitt.max_pulses", "missing; give max_pulses")]
    [DataRow("steps:\n  - gitt: { discharge: 1 mA, pulse: 30, rest: 30 min, until: 1.5 V, max_pulses: 9 }", 2, "steps[0].gitt.pulse", "'30' has no unit")]
    [DataRow("steps:\n  - group: g\n    until: capacity >= 1 mAh\n    steps: [Rest for 1 s]", 3, "steps[0].until", "a group limit is a voltage, current, dV/dt or time")]
    [DataRow("steps:\n  - group: g\n    steps: [Rest for 1 s]", 2, "steps[0].until", "missing; a group ends all its steps on its limits")]
    [DataRow("steps:\n  - group: g\n    until: time >= 1 h\n    on_limit: explode\n    steps: [Rest for 1 s]", 4, "steps[0].on_limit", "'explode' must be 'continue'")]
    [DataRow("steps:\n  - discharge: { power: 0 mW, until: voltage <= 3 V }", 2, "steps[0].discharge.power", "must not be 0 W")]
    [DataRow("steps:\n  - discharge: { power: 5 mA, until: voltage <= 3 V }", 2, "steps[0].discharge.power", "'5 mA' is a current; expected a power")]
    [DataRow("steps:\n  - discharge: { power: 5 mW, current: 1 mA, until: voltage <= 3 V }", 2, "steps[0].discharge.power", "either current or power")]
    [DataRow("steps:\n  - goto: { to: x, if: 'voltage < 3', max: 1 }\n  - label: x", 2, "steps[0].goto.if", "'3' has no unit")]
    public void Parse_InvalidControlFlow_NamesFileLineFieldAndValue(string yaml, int line, string field, string problem)
    {
        var ex = Assert.ThrowsExactly<ProtocolException>(() => ProtocolParser.Parse(yaml, "bad.yaml"));
        StringAssert.StartsWith(ex.Message, $"bad.yaml:{line}: {field}: ");
        StringAssert.Contains(ex.Message, problem);
    }

    [TestMethod]
    public void Parse_ForwardGotoOutOfALoop_IsAllowed()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - repeat: 3
                steps:
                  - Discharge at 1 mA for 1 h
                  - goto: { to: after, if: 'voltage <= 3 V' }
              - label: after
              - Rest for 1 min
            """, "break.yaml");

        Assert.IsFalse(p.IsLinear);
        Assert.HasCount(2, p.Definitions);
    }
}
