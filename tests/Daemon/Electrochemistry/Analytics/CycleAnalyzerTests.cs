using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Analytics;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Analytics;

[TestClass]
public sealed class CycleAnalyzerTests
{
    private const double Tight = 1e-12;

    private static double ChargeRampV(double t) => 3.5 + (0.5 * t / 3600);

    private static double DischargeRampV(double t) => 3.9 - (0.5 * t / 3600);

    [TestMethod]
    public void Summarize_CcCharge1mAThenDischarge0p9mA_GivesCapacitiesEfficiencyEnergiesAndMeanVoltages()
    {
        var run = new SyntheticRun(10)
            .Cc(1, 1e-3, 3600, ChargeRampV, sampleAtStart: true)
            .Cc(1, -0.9e-3, 3600, DischargeRampV, sampleAtStart: true);

        var s = CycleAnalyzer.Summarize(run.Samples).Single();

        Assert.AreEqual(1, s.Cycle);
        Assert.IsFalse(s.ClosedByNextCycle);
        Assert.AreEqual(1.0e-3, s.ChargeCapacityAh, Tight);
        Assert.AreEqual(0.9e-3, s.DischargeCapacityAh, Tight);
        Assert.AreEqual(0.9, s.CoulombicEfficiency, 1e-9);
        // ∫V·I dt with V linear in t: I × mean V × 1 h.
        Assert.AreEqual(1.0e-3 * 3.75, s.ChargeEnergyWh, Tight);
        Assert.AreEqual(0.9e-3 * 3.65, s.DischargeEnergyWh, Tight);
        Assert.AreEqual(3.75, s.MeanChargeVoltageV, 1e-9);
        Assert.AreEqual(3.65, s.MeanDischargeVoltageV, 1e-9);
        Assert.AreEqual(0.1, s.VoltageHysteresisV, 1e-9);
        Assert.AreEqual(0.9 * 3.65 / 3.75, s.EnergyEfficiency, 1e-9);
        Assert.AreEqual(7200, s.DurationS, 1e-6);
        Assert.AreEqual(1.0, s.CapacityRetention, 1e-12);
        Assert.AreEqual(0.1e-3, s.NetChargeAh, Tight);
        Assert.AreEqual(0.1e-3, s.ReportedNetChargeAh, Tight);
        Assert.IsNull(s.SpecificDischargeCapacityMilliampHoursPerGram);
    }

    [TestMethod]
    public void Add_FirstSampleOfNextCycle_ReturnsTheCompletedCycleOnce()
    {
        var run = new SyntheticRun(10)
            .Cc(1, 1e-3, 3600, ChargeRampV).Cc(1, -0.9e-3, 3600, DischargeRampV)
            .Cc(2, 1e-3, 3600, ChargeRampV).Cc(2, -0.8e-3, 3600, DischargeRampV);
        var analyzer = new CycleAnalyzer();
        var emitted = new List<(int Index, CycleSummary Summary)>();
        for (var i = 0; i < run.Samples.Count; i++)
        {
            if (analyzer.Add(run.Samples[i]) is { } summary)
            {
                emitted.Add((i, summary));
            }
        }

        Assert.HasCount(1, emitted);
        var firstOfCycle2 = run.Samples.ToList().FindIndex(r => r.Cycle == 2);
        Assert.AreEqual(firstOfCycle2, emitted[0].Index);
        Assert.AreEqual(1, emitted[0].Summary.Cycle);
        Assert.IsTrue(emitted[0].Summary.ClosedByNextCycle);
        Assert.AreEqual(0.9e-3, emitted[0].Summary.DischargeCapacityAh, Tight);

        var last = analyzer.SummarizeCurrentCycle()!;
        Assert.AreEqual(2, last.Cycle);
        Assert.IsFalse(last.ClosedByNextCycle);
        Assert.AreEqual(0.8e-3, last.DischargeCapacityAh, Tight);
        Assert.AreEqual(0.8 / 0.9, last.CapacityRetention, 1e-9);
        Assert.AreEqual(1, last.RetentionReferenceCycle);
    }

    [TestMethod]
    public void Add_StepChangesWithoutStepStartSamples_CountsCcAndRestStepsExactly()
    {
        // Like the simulated channel: a sample at each step end (off the 7 s grid), none at step starts.
        var run = new SyntheticRun(7)
            .Cc(1, 1e-3, 3600, ChargeRampV)
            .Step(1, "rest", 600, _ => 0, _ => 3.95)
            .Cc(1, -0.9e-3, 3600, DischargeRampV)
            .Step(1, "rest", 600, _ => 0, _ => 3.45);

        var s = CycleAnalyzer.Summarize(run.Samples).Single();

        // A trapezoid across the step boundaries would be off by half an interval's charge at each current jump.
        Assert.AreEqual(1.0e-3, s.ChargeCapacityAh, Tight);
        Assert.AreEqual(0.9e-3, s.DischargeCapacityAh, Tight);
        Assert.AreEqual(s.ReportedNetChargeAh, s.NetChargeAh, Tight);
        // The first interval of a step holds the voltage of its end: an error of I·ΔV·dt/2, ~1e-7 relative here.
        Assert.AreEqual(1.0e-3 * 3.75, s.ChargeEnergyWh, 1.0e-3 * 3.75 * 1e-6);
        Assert.AreEqual(0.9e-3 * 3.65, s.DischargeEnergyWh, 0.9e-3 * 3.65 * 1e-6);
        Assert.AreEqual(8400, s.DurationS, 1e-6);
    }

    [TestMethod]
    public void Add_CurrentChangesSignInsideInterval_SplitsChargeAndEnergyAtTheZeroCrossing()
    {
        // +1 mA → −3 mA over 40 s (zero crossing at 10 s), 4.0 V → 3.6 V.
        var analyzer = new CycleAnalyzer();
        analyzer.Add(Sample(1, t: 0, v: 4.0, i: 1e-3));
        analyzer.Add(Sample(2, t: 40, v: 3.6, i: -3e-3));
        var s = analyzer.SummarizeCurrentCycle()!;

        Assert.AreEqual(0.5 * 1e-3 * 10 / 3600, s.ChargeCapacityAh, 1e-15);
        Assert.AreEqual(0.5 * 3e-3 * 30 / 3600, s.DischargeCapacityAh, 1e-15);
        var (inWh, outWh) = SplitEnergyNumerically(t => 4.0 - (0.01 * t), t => 1e-3 - (1e-4 * t), 40);
        Assert.AreEqual(inWh, s.ChargeEnergyWh, inWh * 1e-6);
        Assert.AreEqual(outWh, s.DischargeEnergyWh, outWh * 1e-6);
    }

    [TestMethod]
    public void Summarize_FiveCyclesWithFadingDischarge_GivesRetentionCumulativeTotalsAndDurations()
    {
        var run = new SyntheticRun(10);
        for (var n = 1; n <= 5; n++)
        {
            run.Cc(n, 1e-3, 3600, ChargeRampV).Cc(n, -0.9e-3, (1 - (0.02 * (n - 1))) * 3600, DischargeRampV);
        }

        var summaries = CycleAnalyzer.Summarize(run.Samples);

        Assert.HasCount(5, summaries);
        var cumulativeDischarge = 0.0;
        for (var n = 1; n <= 5; n++)
        {
            var s = summaries[n - 1];
            var discharge = 0.9e-3 * (1 - (0.02 * (n - 1)));
            cumulativeDischarge += discharge;
            Assert.AreEqual(n, s.Cycle);
            Assert.AreEqual(n < 5, s.ClosedByNextCycle);
            Assert.AreEqual(discharge, s.DischargeCapacityAh, Tight);
            Assert.AreEqual(1 - (0.02 * (n - 1)), s.CapacityRetention, 1e-9);
            Assert.AreEqual(n * 1e-3, s.CumulativeChargeCapacityAh, Tight);
            Assert.AreEqual(cumulativeDischarge, s.CumulativeDischargeCapacityAh, Tight);
            Assert.AreEqual(n * 1e-3 * 3.75, s.CumulativeChargeEnergyWh, n * 1e-3 * 3.75 * 1e-6);
        }

        Assert.AreEqual(run.ElapsedS, summaries.Sum(s => s.DurationS), 1e-6);
    }

    [TestMethod]
    public void Summary_DischargeFirstCell_EfficiencyIsChargeOverDischarge()
    {
        // PTO-like: assembled charged, the first step is a discharge.
        var run = new SyntheticRun(10)
            .Cc(1, -1e-3, 3600, _ => 2.1)
            .Cc(1, 0.95e-3, 3600, _ => 2.3);

        var dischargeFirst = CycleAnalyzer.Summarize(run.Samples, new CycleAnalyzerOptions { Convention = CycleConvention.DischargeFirst }).Single();
        var chargeFirst = CycleAnalyzer.Summarize(run.Samples).Single();

        Assert.AreEqual(0.95, dischargeFirst.CoulombicEfficiency, 1e-9);
        Assert.AreEqual(0.95 * 2.3 / 2.1, dischargeFirst.EnergyEfficiency, 1e-9);
        Assert.AreEqual(CycleConvention.DischargeFirst, dischargeFirst.Convention);
        // The wrong convention gives an efficiency above 100 %.
        Assert.AreEqual(1 / 0.95, chargeFirst.CoulombicEfficiency, 1e-9);
    }

    [TestMethod]
    public void Add_PauseWithZeroCurrent_DoesNotChangeCapacities()
    {
        var withoutPause = CycleAnalyzer.Summarize(PausedRun(pauseS: 0, pauseCurrentA: 0)).Single();
        var withPause = CycleAnalyzer.Summarize(PausedRun(pauseS: 7200, pauseCurrentA: 0)).Single();

        Assert.AreEqual(1e-3, withoutPause.ChargeCapacityAh, Tight);
        Assert.AreEqual(withoutPause.ChargeCapacityAh, withPause.ChargeCapacityAh, Tight);
        Assert.AreEqual(withoutPause.DischargeCapacityAh, withPause.DischargeCapacityAh, Tight);
        Assert.AreEqual(withoutPause.ChargeEnergyWh, withPause.ChargeEnergyWh, Tight);
        Assert.AreEqual(withoutPause.DurationS + 7200, withPause.DurationS, 1e-6);
    }

    [TestMethod]
    public void Add_PauseHoldingTheCurrent_CountsTheChargeThatFlowed()
    {
        var s = CycleAnalyzer.Summarize(PausedRun(pauseS: 7200, pauseCurrentA: 1e-3)).Single();

        Assert.AreEqual(3e-3, s.ChargeCapacityAh, Tight);
        Assert.AreEqual(0.9e-3, s.DischargeCapacityAh, Tight);
    }

    [TestMethod]
    public void Summarize_NoisyCurrentOverThreeCycles_ChargeTotalsMatchSampleIntegralAndReportedChargeWithin0p1Percent()
    {
        // True current 1 mA ± 5 % ripple; readings with ±0.5 % uniform noise; the device counts the true current.
        var noise = new Random(1234);
        double Ripple(double t) => 1e-3 * (1 + (0.05 * Math.Sin(2 * Math.PI * t / 37)));
        double Read(double i) => i * (1 + (0.01 * (noise.NextDouble() - 0.5)));
        var run = new SyntheticRun(1);
        for (var n = 1; n <= 3; n++)
        {
            run.Step(n, "charge", 3600, Ripple, ChargeRampV, sampleAtStart: true, measuredCurrentA: t => Read(Ripple(t)))
                .Step(n, "rest", 600, _ => 0, _ => 3.9, sampleAtStart: true)
                .Step(n, "discharge", 3000, t => -Ripple(t), DischargeRampV, sampleAtStart: true, measuredCurrentA: t => -Read(Ripple(t)));
        }

        var last = CycleAnalyzer.Summarize(run.Samples)[^1];

        // Independent reference: plain trapezoid over all consecutive samples (valid here: every step has a start sample).
        double positive = 0, negative = 0;
        for (var k = 1; k < run.Samples.Count; k++)
        {
            var a = run.Samples[k - 1];
            var b = run.Samples[k];
            var q = (a.CurrentA + b.CurrentA) / 2 * (b.TimeUnixS - a.TimeUnixS) / 3600;
            if (q > 0)
            {
                positive += q;
            }
            else
            {
                negative -= q;
            }
        }

        Assert.AreEqual(positive, last.CumulativeChargeCapacityAh, positive * 1e-3);
        Assert.AreEqual(negative, last.CumulativeDischargeCapacityAh, negative * 1e-3);
        var throughput = last.CumulativeChargeCapacityAh + last.CumulativeDischargeCapacityAh;
        var net = last.CumulativeChargeCapacityAh - last.CumulativeDischargeCapacityAh;
        Assert.AreEqual(run.ChargeAh - run.Samples[0].ChargeAh, net, throughput * 1e-3);
        Assert.AreEqual(3e-3, last.CumulativeChargeCapacityAh, 3e-3 * 1e-3);
    }

    [TestMethod]
    public void Add_NonFiniteSample_IsSkippedAndCounted()
    {
        var run = new SyntheticRun(10).Cc(1, 1e-3, 3600, ChargeRampV, sampleAtStart: true);
        var samples = run.Samples.ToList();
        samples[100] = samples[100] with { VoltageV = double.NaN };
        var analyzer = new CycleAnalyzer();
        foreach (var r in samples)
        {
            analyzer.Add(r);
        }

        var s = analyzer.SummarizeCurrentCycle()!;
        Assert.AreEqual(1, analyzer.SkippedSampleCount);
        Assert.AreEqual(1e-3, s.ChargeCapacityAh, Tight);
        Assert.AreEqual(samples.Count - 1, s.SampleCount);
    }

    [TestMethod]
    public void Summary_ActiveMassGiven_GivesSpecificCapacityInMilliampHoursPerGram()
    {
        var run = new SyntheticRun(10).Cc(1, 1e-3, 3600, ChargeRampV).Cc(1, -0.9e-3, 3600, DischargeRampV);

        var s = CycleAnalyzer.Summarize(run.Samples, new CycleAnalyzerOptions { ActiveMassKg = 8.89e-6 }).Single();

        Assert.AreEqual(1.0 / 8.89 * 1000, s.SpecificChargeCapacityMilliampHoursPerGram!.Value, 1e-6);
        Assert.AreEqual(0.9 / 8.89 * 1000, s.SpecificDischargeCapacityMilliampHoursPerGram!.Value, 1e-6);
    }

    [TestMethod]
    public void Add_CycleGoesBackwards_ThrowsNamingBothCycles()
    {
        var analyzer = new CycleAnalyzer();
        analyzer.Add(Sample(1, t: 0, v: 3, i: 0, cycle: 2));

        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => analyzer.Add(Sample(2, t: 1, v: 3, i: 0, cycle: 1)));

        Assert.Contains("cycle 1", e.Message);
        Assert.Contains("2", e.Message);
    }

    [TestMethod]
    public void Add_TimeGoesBackwards_ThrowsNamingTheTime()
    {
        var analyzer = new CycleAnalyzer();
        analyzer.Add(Sample(1, t: 10, v: 3, i: 0));

        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => analyzer.Add(Sample(2, t: 5, v: 3, i: 0)));

        Assert.Contains("1700000005", e.Message);
    }

    [TestMethod]
    public void Add_SampleOfAnotherRun_ThrowsNamingBothRuns()
    {
        var analyzer = new CycleAnalyzer();
        analyzer.Add(Sample(1, t: 0, v: 3, i: 0));

        var e = Assert.ThrowsExactly<ArgumentException>(() => analyzer.Add(Sample(2, t: 1, v: 3, i: 0) with { RunId = "run-2" }));

        Assert.Contains("run-2", e.Message);
        Assert.Contains("run-1", e.Message);
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(-1e-6)]
    [DataRow(double.NaN)]
    [DataRow(2.0)]
    public void Constructor_ActiveMassOutOfRange_ThrowsNamingTheSetting(double massKg)
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new CycleAnalyzer(new CycleAnalyzerOptions { ActiveMassKg = massKg }));

        Assert.Contains("ActiveMassKg", e.Message);
        Assert.Contains("1 kg", e.Message);
    }

    [TestMethod]
    public void SummarizeCurrentCycle_BeforeAnySample_ReturnsNull()
    {
        Assert.IsNull(new CycleAnalyzer().SummarizeCurrentCycle());
        Assert.IsEmpty(CycleAnalyzer.Summarize([]));
    }

    /// <summary>CC charge 1 mA: 1800 s, a pause (sampled from its first to its last instant), 1800 s; then a discharge.</summary>
    private static List<SampleRecord> PausedRun(double pauseS, double pauseCurrentA)
    {
        var list = new List<SampleRecord>();
        void Add(double t, double stepTime, double i, double v, int step) =>
            list.Add(Sample(list.Count + 1, t, v, i, step: step, stepTimeS: stepTime));

        for (var t = 0.0; t <= 1800; t += 10)
        {
            Add(t, t, 1e-3, 3.7, 0);
        }

        if (pauseS > 0)
        {
            // The step timer stops while paused; the device records the pause and resume instants.
            for (var t = 1800.0; t <= 1800 + pauseS; t += 10)
            {
                Add(t, 1800, pauseCurrentA, 3.65, 0);
            }
        }

        for (var t = 0.0; t <= 1800; t += 10)
        {
            Add(1800 + pauseS + t, 1800 + t, 1e-3, 3.8, 0);
        }

        var end = 3600 + pauseS;
        for (var t = 10.0; t <= 3600; t += 10)
        {
            Add(end + t, t, -0.9e-3, 3.6, 1);
        }

        return list;
    }

    private static SampleRecord Sample(long seq, double t, double v, double i, int cycle = 1, int step = 0, double? stepTimeS = null) =>
        new(seq, "run-1", "ch1", 1_700_000_000 + t, v, i, 0, step, "step", cycle, stepTimeS ?? t);

    /// <summary>∫V·I dt over the positive and the negative parts of I, by the midpoint rule on a fine grid, in Wh.</summary>
    private static (double InWh, double OutWh) SplitEnergyNumerically(Func<double, double> v, Func<double, double> i, double durationS)
    {
        const int n = 400_000;
        var h = durationS / n;
        double pos = 0, neg = 0;
        for (var k = 0; k < n; k++)
        {
            var t = (k + 0.5) * h;
            var p = v(t) * i(t) * h;
            if (i(t) > 0)
            {
                pos += p;
            }
            else
            {
                neg -= p;
            }
        }

        return (pos / 3600, neg / 3600);
    }
}
