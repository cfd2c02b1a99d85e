using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using static OperandoRig.Daemon.Tests.Electrochemistry.Protocols.CursorDriver;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

[TestClass]
public sealed class ProtocolCursorTests
{
    private const string Cycling = """
        cell: { capacity: 1 mAh }
        steps:
          - Rest for 10 min
          - repeat: { until: 'discharge capacity < 80 % of cycle 1', max: 20 }
            steps:
              - Charge at C/2 until 4.2 V or 3 h
              - Discharge at C/2 until 3 V or 3 h
          - Rest for 5 min
        """;

    [TestMethod]
    public void NextSegment_LinearProtocol_IsTheWholeFlatStepList()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - Rest for 1 min
              - repeat: 3
                steps: [Charge at 1 mA until 4 V, Discharge at 1 mA until 3 V]
              - Rest for 1 min
            """, "lin.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        var segments = Run(cursor, (s, i) => End(s, i, 0, 3.5));

        Assert.IsTrue(p.IsLinear);
        Assert.HasCount(1, segments);
        CollectionAssert.AreEqual(Describe(p.ChannelSteps), Describe(segments[0].ChannelSteps));
        Assert.IsTrue(cursor.IsFinished);
        Assert.AreEqual("completed", cursor.State.FinishReason);
        Assert.AreEqual(8, cursor.State.StepsRun);
        Assert.AreEqual(4, cursor.Cycle);
    }

    [TestMethod]
    public void StepEnded_CapacityFadeLoop_EndsWhenDischargeFallsBelow80PercentOfCycle1()
    {
        var p = ProtocolParser.Parse(Cycling, "fade.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());
        double[] discharge = [1.0e-3, 0.95e-3, 0.9e-3, 0.85e-3, 0.79e-3, 0.7e-3];

        var segments = Run(cursor, (s, i) => s.Step.CurrentA < 0
            ? End(s, i, -discharge[s.Step.Cycle - 1], 3.0)
            : End(s, i, s.Step.CurrentA > 0 ? 1e-3 : 0, 4.2));

        Assert.IsFalse(p.IsLinear);
        // Rest + first iteration, then one segment per further iteration (the loop is decided between them), then the last rest.
        Assert.HasCount(6, segments);
        CollectionAssert.AreEqual(new[] { 1, 1, 1 }, segments[0].Steps.Select(s => s.Step.Cycle).ToArray());
        CollectionAssert.AreEqual(new[] { 5, 5 }, segments[4].Steps.Select(s => s.Step.Cycle).ToArray());
        Assert.AreEqual("rest", segments[5].Steps.Single().Step.Label);
        Assert.HasCount(5, cursor.State.CompletedCycles);
        Assert.AreEqual(0.79e-3, cursor.State.CompletedCycles[^1].DischargeAh, 1e-12);
        StringAssert.Contains(cursor.Decisions.Single(), "ended after 5 iterations: discharge capacity < 80 % of cycle 1");
    }

    [TestMethod]
    public void StepEnded_ConditionNeverMet_LoopStopsAtItsMax()
    {
        var p = ProtocolParser.Parse(Cycling, "fade.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        Run(cursor, (s, i) => End(s, i, s.Step.CurrentA < 0 ? -1e-3 : 1e-3, 3.5));

        Assert.HasCount(20, cursor.State.CompletedCycles);
        StringAssert.Contains(cursor.Decisions.Single(), "ended at its maximum of 20 iterations");
    }

    [TestMethod]
    public void StepEnded_WhileLoop_StopsWhenTheConditionTurnsFalse()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - repeat: { while: 'coulombic efficiency >= 99 %', max: 50 }
                steps: [Charge at 1 mA for 1 h, Discharge at 1 mA for 1 h]
            """, "while.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        Run(cursor, (s, i) => End(s, i, s.Step.CurrentA > 0 ? 1e-3 : (s.Step.Cycle < 3 ? -0.995e-3 : -0.98e-3), 3.5));

        Assert.HasCount(3, cursor.State.CompletedCycles);
    }

    [TestMethod]
    public void NextSegment_GroupVoltageLimit_JoinsEveryStepFirstAndEndsTheGroup()
    {
        var p = ProtocolParser.Parse("""
            cell: { capacity: 1 mAh, area: 1 cm2 }
            steps:
              - group: ccd
                until: voltage <= 5 mV
                steps:
                  - repeat: 3
                    steps:
                      - charge: { current: 0.1 mA/cm2, duration: 30 min, label: plate }
                      - discharge: { current: 0.1 mA/cm2, duration: 30 min, label: strip }
              - Rest for 10 min
            """, "ccd.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());
        var steps = 0;

        var segments = Run(cursor, (s, i) =>
        {
            steps++;
            return steps == 3 ? new StepEnd(i, 600, 1e-5, 0.004, 1e-4, "") : End(s, i, 0, 0.02); // the 3rd step shorts
        });

        Assert.IsTrue(segments.Take(3).All(s => s.Steps.Count == 1), "a step with a group limit is alone in its segment");
        var first = segments[0].Steps[0];
        Assert.AreEqual(ConditionOrigin.Group, first.Conditions[0].Origin);
        Assert.AreEqual(new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrBelow, 0.005), first.Step.Terminations[0]);
        Assert.HasCount(4, segments);
        Assert.AreEqual("rest", segments[3].Steps.Single().Step.Label, "the short ended the group; the protocol goes on after it");
        StringAssert.Contains(cursor.Decisions.Single(), "group 'ccd' ended on its limit");
    }

    [TestMethod]
    public void StepEnded_GroupLimitWithStop_EndsTheProtocol()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - group: guard
                until: [voltage <= 2 V]
                on_limit: stop
                steps: [Discharge at 1 mA for 1 h, Discharge at 1 mA for 1 h]
              - Rest for 10 min
            """, "stop.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        var segments = Run(cursor, (s, i) => new StepEnd(i, 100, -1e-5, 1.999, -1e-3, "VoltageV <= 2 (measured 1.999)"));

        Assert.HasCount(1, segments);
        Assert.IsTrue(cursor.IsFinished);
        StringAssert.Contains(cursor.State.FinishReason, "group 'guard'");
        StringAssert.Contains(cursor.State.FinishReason, "on_limit: stop");
    }

    [TestMethod]
    public void NextSegment_GroupTimeLimit_GivesEachStepTheTimeLeftAndEndsTheGroup()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - group: window
                until: time >= 2 h
                steps:
                  - repeat: 10
                    steps: [Charge at 1 mA until 4 V or 1 h, Discharge at 1 mA until 3 V or 1 h]
              - Rest for 10 min
            """, "window.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        var segments = Run(cursor, (s, i) => new StepEnd(i, s.Step.Terminations[0].Threshold >= 3000 ? 3000 : s.Step.Terminations[0].Threshold, 0, 3.5, 0, ""));

        var timeLeft = segments.Take(3).Select(s => s.Steps[0].Step.Terminations.First(t => t.Quantity == TerminationQuantity.StepTimeS).Threshold).ToArray();
        CollectionAssert.AreEqual(new double[] { 7200, 4200, 1200 }, timeLeft);
        Assert.HasCount(4, segments, "three steps use up the 2 h; the group's time limit ends it");
        Assert.AreEqual("rest", segments[3].Steps[0].Step.Label);
    }

    [TestMethod]
    public void StepEnded_BackwardGotoWithConditionAndMax_RepeatsAtMostMaxTimes()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - label: again
              - Discharge at 1 mA until 3 V or 2 h
              - goto: { to: again, if: 'voltage > 3.2 V', max: 2 }
              - Rest for 10 min
            """, "goto.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        var segments = Run(cursor, (s, i) => End(s, i, -1e-3, 3.5));

        Assert.HasCount(4, segments, "discharge, twice again, then the rest");
        Assert.AreEqual(2, cursor.State.GotoTaken[0]);
        Assert.AreEqual(4, cursor.State.StepsRun);
    }

    [TestMethod]
    public void StepEnded_ForwardGotoEnd_SkipsTheRest()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - Discharge at 1 mA until 3 V or 2 h
              - goto: { to: end, if: 'voltage <= 3 V' }
              - Rest for 10 min
            """, "end.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        var segments = Run(cursor, (s, i) => End(s, i, -1e-3, 2.999));

        Assert.HasCount(1, segments);
        Assert.AreEqual("completed", cursor.State.FinishReason);
    }

    [TestMethod]
    public void StepEnded_GittPulseReachesCutoff_LoopEnds()
    {
        var p = ProtocolParser.Parse("""
            cell: { capacity: 1 mAh }
            steps:
              - gitt: { discharge: C/10, pulse: 30 min, rest: 30 min, until: 1.5 V, max_pulses: 40,
                        eis: { from: 100 kHz, to: 1 Hz, points_per_decade: 2, amplitude: 10 mV } }
            """, "gitt.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());
        var pulses = 0;

        var segments = Run(cursor, (s, i) =>
        {
            if (s.Step.Kind != StepKind.ConstantCurrent)
            {
                return End(s, i, 0, 2.0);
            }

            pulses++;
            return pulses < 7 ? new StepEnd(i, 1800, -5e-5, 2.0, -1e-4, "StepTimeS >= 1800 (measured 1800)") : new StepEnd(i, 900, -2.5e-5, 1.5, -1e-4, "");
        });

        Assert.HasCount(7, segments);
        CollectionAssert.AreEqual(new[] { StepKind.ConstantCurrent, StepKind.Rest, StepKind.PotentiostaticImpedance }, segments[0].Steps.Select(s => s.Step.Kind).ToArray());
        Assert.IsTrue(segments[0].Steps[2].Step.HoldAtPresentVoltage);
        StringAssert.Contains(cursor.Decisions.Single(), "ended after 7 iterations: a pulse reached the cut-off 1.5 V");
        Assert.AreEqual(1, cursor.Cycle, "GITT pulses are not cycles");
    }

    [TestMethod]
    public void NextSegment_CycleCapacityAndShareOfCycle1_BecomeStepCapacityLimitsAtTheStepStart()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - repeat: 1
                steps: [Charge at 1 mA until 4.2 V, Discharge at 1 mA until 3 V]
              - charge: { current: 1 mA, until: [capacity >= 50 % of cycle 1, voltage >= 4.2 V] }
              - charge: { current: 1 mA, until: [cycle capacity >= 0.8 mAh, voltage >= 4.2 V] }
              - Discharge at 1 mA until 3 V
            """, "partial.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        var segments = Run(cursor, (s, i) => s.Step.CurrentA > 0 ? End(s, i, s.Step.Cycle == 1 ? 1.2e-3 : 0.6e-3, 4.0) : End(s, i, -1.1e-3, 3.0));

        var half = segments[1].Steps[0];
        Assert.AreEqual(new Termination(TerminationQuantity.StepCapacityAh, TerminationComparison.AtOrAbove, 0.6e-3), half.Step.Terminations[0]);
        var rest = segments[2].Steps[0];
        Assert.AreEqual(0.2e-3, rest.Step.Terminations[0].Threshold, 1e-12, "0.8 mAh for the cycle, 0.6 mAh already charged in it");
        Assert.HasCount(3, segments[0].Steps.Take(2).Concat(segments[1].Steps).ToList());
    }

    [TestMethod]
    public void NextSegment_CycleCapacityAlreadyReached_SkipsTheStep()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - Charge at 1 mA for 1 h
              - charge: { current: 1 mA, until: [cycle capacity >= 0.5 mAh, voltage >= 4.2 V] }
              - Rest for 1 min
            """, "skip.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());

        var segments = Run(cursor, (s, i) => End(s, i, s.Step.Kind == StepKind.Rest ? 0 : 1e-3, 4.0));

        CollectionAssert.AreEqual(new[] { "charge", "rest" }, segments.SelectMany(s => s.Steps).Select(s => s.Step.Label).ToArray());
        StringAssert.Contains(cursor.Decisions.Single(), "skipped");
    }

    [TestMethod]
    public void NextSegment_ConditionTheDeviceCannotEvaluate_IsEmulatedAndEndsTheSegment()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - Discharge at 1 mA for 30 min
              - rest: { until: 'dV/dt <= 0.1 mV/min' }
              - Charge at 1 mA for 30 min
            """, "emulate.yaml");
        var cursor = ProtocolCursor.Start(p, Caps(TerminationQuantity.AbsVoltageSlopeVPerS));

        var first = cursor.NextSegment()!;

        Assert.HasCount(2, first.Steps, "the emulated rest is the segment's last step");
        var rest = first.Steps[1];
        Assert.HasCount(1, rest.Emulated);
        Assert.AreEqual(TerminationQuantity.AbsVoltageSlopeVPerS, rest.Emulated[0].Termination.Quantity);
        Assert.AreEqual(ConditionOrigin.Backstop, rest.Conditions.Single(c => c.OnDevice).Origin);
        Assert.AreEqual(Termination.AfterSeconds(ProtocolCursor.BackstopS), rest.Step.Terminations.Single());
        cursor.StepEnded(End(first.Steps[0], 0, -0.5e-3, 3.6));
        cursor.StepEnded(new StepEnd(1, 2400, 0, 3.7, 0, "stopped", FiredCondition: 0));
        Assert.AreEqual((int)TerminationQuantity.AbsVoltageSlopeVPerS, cursor.State.LastEndQuantity[1]);
        Assert.AreEqual("charge", cursor.NextSegment()!.Steps.Single().Step.Label);
    }

    [TestMethod]
    public void Restore_FromJsonMidRun_ContinuesExactlyAsWithoutTheRestart()
    {
        var p = ProtocolParser.Parse(Cycling, "fade.yaml");
        Func<SegmentStep, int, StepEnd> outcome = (s, i) => s.Step.CurrentA < 0 ? End(s, i, -(1.0e-3 - (s.Step.Cycle * 0.03e-3)), 3.0) : End(s, i, 1e-3, 4.2);
        var reference = ProtocolCursor.Start(p, Caps());
        var all = Run(reference, outcome);

        var cursor = ProtocolCursor.Start(p, Caps());
        var segments = new List<ProtocolSegment>();
        for (var k = 0; k < 3; k++)
        {
            var seg = cursor.NextSegment()!;
            segments.Add(seg);
            for (var i = 0; i < seg.Steps.Count; i++)
            {
                cursor.StepEnded(outcome(seg.Steps[i], i));
            }
        }

        var json = cursor.State.ToJson();
        var restored = ProtocolCursor.Restore(p, Caps(), CursorState.FromJson(json));
        segments.AddRange(Run(restored, outcome));

        Assert.AreEqual(reference.State.ToJson(), restored.State.ToJson());
        CollectionAssert.AreEqual(Describe(all.SelectMany(s => s.ChannelSteps)), Describe(segments.SelectMany(s => s.ChannelSteps)));
    }

    [TestMethod]
    public void Restore_InTheMiddleOfASegment_ReloadsFromTheFirstStepNotEnded()
    {
        var p = ProtocolParser.Parse("steps: [Rest for 1 min, Charge at 1 mA for 1 h, Rest for 2 min]", "mid.yaml");
        var cursor = ProtocolCursor.Start(p, Caps());
        var seg = cursor.NextSegment()!;
        cursor.StepEnded(End(seg.Steps[0], 0, 0, 3.5));

        var restored = ProtocolCursor.Restore(p, Caps(), CursorState.FromJson(cursor.State.ToJson()));

        CollectionAssert.AreEqual(new[] { "charge", "rest" }, restored.NextSegment()!.Steps.Select(s => s.Step.Label).ToArray());
    }

    [TestMethod]
    public void NextSegment_StepsNotReported_Throws()
    {
        var cursor = ProtocolCursor.Start(ProtocolParser.Parse("steps: [Rest for 1 min, Rest for 2 min]", "r.yaml"), Caps());
        var seg = cursor.NextSegment()!;

        Assert.ThrowsExactly<InvalidOperationException>(() => cursor.NextSegment());
        Assert.ThrowsExactly<InvalidOperationException>(() => cursor.StepEnded(End(seg.Steps[1], 1, 0, 3)));
    }

    [TestMethod]
    public void NextSegment_MaxSegmentSteps_SplitsALongList()
    {
        var p = ProtocolParser.Parse("steps:\n  - repeat: 10\n    steps: [Rest for 1 min, Rest for 2 min]", "long.yaml");
        var segments = Run(ProtocolCursor.Start(p, Caps(), maxSegmentSteps: 8), (s, i) => End(s, i, 0, 3));

        CollectionAssert.AreEqual(new[] { 8, 8, 4 }, segments.Select(s => s.Steps.Count).ToArray());
        CollectionAssert.AreEqual(Describe(p.ChannelSteps), Describe(segments.SelectMany(s => s.ChannelSteps)));
    }
}
