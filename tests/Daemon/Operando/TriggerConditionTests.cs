using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Operando.Triggers;

namespace OperandoRig.Daemon.Tests.Operando;

[TestClass]
public sealed class TriggerConditionTests
{
    private static readonly SocCounter Soc = new(new SocReference(1e-3, 0));

    /// <summary>Feeds samples (time s, V, I A, charge Ah, step, cycle) through a fresh evaluator; returns (index, reason) of each firing.</summary>
    private static List<(int Index, string Reason)> Run(TriggerCondition condition, IEnumerable<(double T, double V, double I, double Q, int Step, int Cycle)> samples)
    {
        var evaluator = condition.CreateEvaluator();
        var hits = new List<(int, string)>();
        SampleRecord? previous = null;
        var i = 0;
        foreach (var (t, v, current, q, step, cycle) in samples)
        {
            var s = new SampleRecord(i + 1, "run", "ch1", t, v, current, q, step, step % 2 == 0 ? "Charge at C/10" : "Rest for 10 min", cycle, 0);
            var soc = Soc.SocAt(q);
            if (evaluator.Observe(new TriggerObservation(s, soc, previous, previous is null ? soc : Soc.SocAt(previous.ChargeAh), Soc.Reference.ZeroCurrentA)) is { } reason)
            {
                hits.Add((i, reason));
            }

            previous = s;
            i++;
        }

        return hits;
    }

    /// <summary>A capacity-limited cycle of 1 mAh at C/10 (0.1 mA), sampled every 360 s (1 % SOC), then a discharge.</summary>
    private static IEnumerable<(double, double, double, double, int, int)> Cycle(int cycles = 1)
    {
        var t = 0.0;
        var q = 0.0;
        for (var c = 1; c <= cycles; c++)
        {
            yield return (t, 3.0, 0, q, 0, c);
            for (var k = 1; k <= 100; k++)
            {
                t += 360;
                q += 1e-3 / 100;
                yield return (t, 3.0 + (k * 0.01), 1e-4, q, 0, c);
            }

            for (var k = 1; k <= 100; k++)
            {
                t += 360;
                q -= 1e-3 / 100;
                yield return (t, 4.0 - (k * 0.01), -1e-4, q, 1, c);
            }
        }
    }

    [TestMethod]
    public void SocLevels_OnCharge_FireOnceEachIncludingBothEnds()
    {
        var hits = Run(new SocLevelCondition([0, 0.2, 0.4, 0.6, 0.8, 1.0], CurrentDirection.Charge), Cycle());

        Assert.HasCount(6, hits, string.Join("; ", hits));
        CollectionAssert.AreEqual(new[] { 1, 20, 40, 60, 80, 100 }, hits.Select(h => h.Index).ToArray(), "each level at the sample that reaches it");
        StringAssert.Contains(hits[^1].Reason, "SOC 100 % reached on charge");
    }

    [TestMethod]
    public void SocLevels_OnDischarge_FireFromTopToEmpty()
    {
        var hits = Run(new SocLevelCondition([0, 0.5, 1.0], CurrentDirection.Discharge), Cycle());

        CollectionAssert.AreEqual(new[] { 101, 150, 200 }, hits.Select(h => h.Index).ToArray(), string.Join("; ", hits));
    }

    [TestMethod]
    public void SocLevels_EveryCycle_FireAgainOnEachNewHalfCycle()
    {
        var hits = Run(new SocLevelCondition([0.5], CurrentDirection.Any), Cycle(3));

        Assert.HasCount(6, hits, "once on each charge and once on each discharge of 3 cycles");
    }

    [TestMethod]
    public void SocLevels_ChargeStartingAboveLevel_DoesNotFireLevelsAlreadyPassed()
    {
        var samples = new[] { (0.0, 3.5, 0.0, 5e-4, 0, 1), (10.0, 3.5, 1e-4, 5.1e-4, 0, 1), (20.0, 3.6, 1e-4, 6.1e-4, 0, 1) };

        var hits = Run(new SocLevelCondition([0.2, 0.6], CurrentDirection.Charge), samples);

        Assert.HasCount(1, hits, string.Join("; ", hits));
        StringAssert.Contains(hits[0].Reason, "SOC 60 %");
    }

    [TestMethod]
    public void CapacitySteps_EveryTenthOfAMilliampHour_FireTenTimesPerHalfCycle()
    {
        var hits = Run(new CapacityStepCondition(1e-4), Cycle());

        Assert.HasCount(20, hits);
    }

    [TestMethod]
    public void VoltageCrossing_NoisyPlateau_FiresOnceUntilRearmedByHysteresis()
    {
        double[] volts = [3.50, 3.59, 3.61, 3.599, 3.601, 3.598, 3.602, 3.55, 3.61];
        var samples = volts.Select((v, i) => (i * 10.0, v, 1e-4, i * 1e-6, 0, 1));

        var hits = Run(new VoltageCrossingCondition([3.6], CrossingDirection.Rising, 0.02), samples);

        CollectionAssert.AreEqual(new[] { 2, 8 }, hits.Select(h => h.Index).ToArray(), "noise within 20 mV does not re-arm; 3.55 V does");
    }

    [TestMethod]
    public void Interval_FifteenMinutes_FiresEveryPeriodAfterTheFirstSample()
    {
        var samples = Enumerable.Range(0, 61).Select(i => (i * 60.0, 3.7, 1e-4, i * 1e-6, 0, 1));

        var hits = Run(new IntervalCondition(900), samples);

        CollectionAssert.AreEqual(new[] { 15, 30, 45, 60 }, hits.Select(h => h.Index).ToArray());
    }

    [TestMethod]
    public void Cycle_ListedCycles_FireAtTheirFirstSample()
    {
        var hits = Run(new CycleCondition([1, 3]), Cycle(3));

        CollectionAssert.AreEqual(new[] { 0, 402 }, hits.Select(h => h.Index).ToArray());
    }

    [TestMethod]
    public void StepEdge_EndOfCharge_FiresAtTheFirstSampleOfTheNextStep()
    {
        var hits = Run(new StepEdgeCondition(StepEdge.End, "charge"), Cycle(2));

        CollectionAssert.AreEqual(new[] { 101, 302 }, hits.Select(h => h.Index).ToArray(), string.Join("; ", hits));
        StringAssert.Contains(hits[0].Reason, "'Charge at C/10' ended");
    }

    [TestMethod]
    public void StepEdge_StartOfRest_FiresOncePerRest()
    {
        var hits = Run(new StepEdgeCondition(StepEdge.Start, "REST"), Cycle(2));

        Assert.HasCount(2, hits);
    }

    [TestMethod]
    public void Relaxation_ExponentialRest_FiresOnceWhenTheRateFallsBelowTheThreshold()
    {
        // A rest relaxing 50 mV with a 600 s time constant, sampled every 10 s: |dV/dt| = 50 mV/600 s * exp(-t/600).
        var samples = Enumerable.Range(0, 400).Select(i => (i * 10.0, 3.8 - (0.05 * (1 - Math.Exp(-i * 10.0 / 600))), 0.0, 0.0, 1, 1));

        var hits = Run(new RelaxationCondition(0.5e-3 / 60, 120), samples);

        Assert.HasCount(1, hits, "once per step");
        // 0.5 mV/min = 5 mV/min * exp(-t/600) at t = 600 ln 10 = 1382 s; the 120 s window's centre lags by 60 s.
        var t = hits[0].Index * 10.0;
        Assert.IsTrue(t is > 1382 and < 1382 + 200, $"fired at {t} s");
    }
}
