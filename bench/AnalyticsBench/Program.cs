// Cost per sample of the incremental CycleAnalyzer (OperandoRig.Daemon.Electrochemistry.Analytics), fed the value-type
// AnalyzerSample, over a synthetic 1 kHz stream (CC charge/discharge with ripple, a new cycle every 200 000 samples).
// Baseline, measured in the same run over the same samples: a plain loop summing the trapezoid of I·dt.
// Samples are generated in chunks outside the timed loops. Prints figures; asserts nothing.
// Run: dotnet run -c Release --project bench/AnalyticsBench [-- samples]
using System.Diagnostics;
using System.Globalization;
using OperandoRig.Daemon.Electrochemistry.Analytics;

var total = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
const int Chunk = 1 << 16;
const double PeriodS = 1e-3;
const int SamplesPerCycle = 200_000;
var buffer = new AnalyzerSample[Chunk];

// Warm-up (tiered JIT): 2 M samples through both loops, discarded.
Measure(2_000_000, out _, out _, out _, out _, out _);
var (analyzerS, baselineS, allocated, summaries, check) = Measure(total, out var q, out var charge, out var discharge, out var cycles, out var reportedNet);

var analyzerNs = analyzerS * 1e9 / total;
var baselineNs = baselineS * 1e9 / total;
Console.WriteLine(FormattableString.Invariant($"samples: {total:N0} at 1 kHz ({total * PeriodS / 3600:F1} h), {cycles} cycles, {summaries} summaries emitted"));
Console.WriteLine(FormattableString.Invariant($"CycleAnalyzer.Add:         {analyzerNs,7:F2} ns per sample ({1e3 / analyzerNs:F1} M samples/s), {allocated:N0} bytes allocated in the timed loop"));
Console.WriteLine(FormattableString.Invariant($"baseline (sum of I·dt):    {baselineNs,7:F2} ns per sample"));
Console.WriteLine(FormattableString.Invariant($"ratio analyzer/baseline:   {analyzerNs / baselineNs,7:F1} x"));
Console.WriteLine(FormattableString.Invariant($"16 channels at 1 kHz use {analyzerNs * 16_000 / 1e9:P3} of one core"));
Console.WriteLine(FormattableString.Invariant($"check: net charge analyzer {charge - discharge:E6} Ah, baseline {q:E6} Ah, reported {reportedNet:E6} Ah ({check})"));

(double AnalyzerS, double BaselineS, long Allocated, int Summaries, string Check) Measure(
    long count, out double baselineAh, out double chargeAh, out double dischargeAh, out int lastCycle, out double reportedAh)
{
    var analyzer = new CycleAnalyzer();
    long analyzerTicks = 0, baselineTicks = 0, allocatedBytes = 0;
    var emitted = 0;
    double q = 0, prevI = 0, prevT = 0, exactAh = 0;
    var first = true;
    for (long start = 0; start < count; start += Chunk)
    {
        var n = (int)Math.Min(Chunk, count - start);
        for (var k = 0; k < n; k++)
        {
            var j = start + k;
            var cycle = (int)(j / SamplesPerCycle) + 1;
            var inCycle = j % SamplesPerCycle;
            var charging = inCycle < SamplesPerCycle / 2;
            var t = j * PeriodS;
            var i = (charging ? 1.0 : -0.9) * (1 + (0.01 * Math.Sin(j * 0.37)));
            var v = charging ? 3.5 + (inCycle * 4e-6) : 3.9 - ((inCycle - (SamplesPerCycle / 2)) * 4e-6);
            exactAh += i * PeriodS / 3600;
            buffer[k] = new AnalyzerSample(t, v, i, exactAh, ((cycle - 1) * 2) + (charging ? 0 : 1),
                (inCycle % (SamplesPerCycle / 2)) * PeriodS, cycle);
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var t0 = Stopwatch.GetTimestamp();
        for (var k = 0; k < n; k++)
        {
            if (analyzer.Add(in buffer[k]) is not null)
            {
                emitted++;
            }
        }

        var t1 = Stopwatch.GetTimestamp();
        allocatedBytes += GC.GetAllocatedBytesForCurrentThread() - bytes;
        for (var k = 0; k < n; k++)
        {
            ref readonly var s = ref buffer[k];
            if (!first)
            {
                q += (prevI + s.CurrentA) * 0.5 * (s.TimeUnixS - prevT);
            }

            first = false;
            prevI = s.CurrentA;
            prevT = s.TimeUnixS;
        }

        var t2 = Stopwatch.GetTimestamp();
        analyzerTicks += t1 - t0;
        baselineTicks += t2 - t1;
    }

    var last = analyzer.SummarizeCurrentCycle()!;
    baselineAh = q / 3600;
    chargeAh = last.CumulativeChargeCapacityAh;
    dischargeAh = last.CumulativeDischargeCapacityAh;
    lastCycle = last.Cycle;
    reportedAh = exactAh;
    var relative = Math.Abs((chargeAh - dischargeAh) - exactAh) / (chargeAh + dischargeAh);
    return (analyzerTicks / (double)Stopwatch.Frequency, baselineTicks / (double)Stopwatch.Frequency, allocatedBytes, emitted,
        FormattableString.Invariant($"analyzer vs reported: {relative:E1} of the throughput"));
}
