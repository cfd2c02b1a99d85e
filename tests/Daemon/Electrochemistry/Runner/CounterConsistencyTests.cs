using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// Pause (each hold policy), resume, stop, abort and halt at seeded random moments keep the run's counters
/// consistent: the live totals equal the integral of I·dt over the stored samples (to 1e-9, well within the 0.1 %
/// asked), and that integral equals the device's own coulomb count (charge flowing under a hold included) within
/// 0.1 % of the charge moved plus what sampling cannot see: at each pause or resume the current jumps between two
/// samples, and a trapezoid over that interval is off by at most half an interval of the step current.
/// </summary>
[TestClass]
public sealed class CounterConsistencyTests
{
    private const int Cases = 40;

    [TestMethod]
    public async Task Counters_RandomPausesResumesAndEnds_TotalsEqualTheIntegralOverStoredSamples()
    {
        var failures = new List<string>();
        var pauses = 0;
        var ends = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < Cases; k++)
        {
            var seed = 9100 + k;
            var rng = new Random(seed);
            double U(double a, double b) => a + (rng.NextDouble() * (b - a));
            ICellModel cell = rng.Next(3) == 0
                ? new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt") with { InitialStateOfCharge = U(0.3, 0.7) })
                : RunnerRig.Thevenin(U(0.3, 0.7));
            var oneC = cell.NominalCapacityAh;
            var steps = new List<ChannelStep>();
            var cycles = rng.Next(1, 4);
            for (var cycle = 1; cycle <= cycles; cycle++)
            {
                steps.Add(RunnerRig.Cc(U(0.2, 1) * oneC, null, U(300, 900), "charge", cycle));
                if (rng.Next(2) == 0)
                {
                    steps.Add(RunnerRig.Cv(cell.OpenCircuitVoltageV + 0.05, 0.02 * oneC, U(60, 300), "hold", cycle));
                }

                steps.Add(RunnerRig.Rest(U(30, 120), cycle));
                steps.Add(RunnerRig.Cc(-U(0.2, 1) * oneC, null, U(300, 900), "discharge", cycle));
            }

            var totalS = steps.Sum(s => s.Terminations.First(t => t.Quantity == TerminationQuantity.StepTimeS).Threshold);
            await using var rig = await RunnerRig.CreateAsync();
            var runner = await rig.AddChannelAsync(cell, noiseSeed: seed, samplePeriodS: new[] { 0.5, 1, 2 }[rng.Next(3)]);
            var runId = "";
            var holdEdges = 1; // the end
            var endAction = rng.Next(4); // 0: run to the end, 1: stop, 2: abort, 3: halt
            rig.Run(async ct =>
            {
                runId = await runner.StartAsync(RunnerRig.Protocol([.. steps]), "random", ct);
                var elapsed = 0.0;
                while (true)
                {
                    var wait = U(20, totalS / 3);
                    elapsed += wait;
                    var done = await Task.WhenAny(runner.Completion, Task.Delay(TimeSpan.FromSeconds(wait), rig.Clock, ct));
                    if (done == runner.Completion || runner.State != RunState.Running)
                    {
                        break;
                    }

                    if (endAction != 0 && elapsed > totalS / 2)
                    {
                        await (endAction switch
                        {
                            1 => runner.StopAsync("random stop", ct),
                            2 => runner.AbortAsync("random abort", ct),
                            _ => runner.HaltAsync("random halt", ct),
                        });
                        break;
                    }

                    await runner.PauseAsync((HoldPolicy)rng.Next(3), "random pause", ct);
                    pauses++;
                    holdEdges += 2;
                    await Task.Delay(TimeSpan.FromSeconds(U(5, 200)), rig.Clock, ct);
                    if (runner.State == RunState.Paused)
                    {
                        await runner.ResumeAsync("random resume", ct);
                    }
                }

                await runner.Completion;
            });

            var how = runner.EndReason.Split(':')[0];
            ends[how] = ends.GetValueOrDefault(how) + 1;
            var samples = await rig.ReadSamplesAsync(runId);
            var (charge, discharge) = ReferenceIntegral.Of(samples);
            var live = runner.Counters.Total;
            var throughput = charge + discharge;
            if (Math.Abs(live.ChargeAh - charge) > 1e-9 * throughput || Math.Abs(live.DischargeAh - discharge) > 1e-9 * throughput)
            {
                failures.Add($"seed {seed}: live totals {live.ChargeAh:G9}/{live.DischargeAh:G9} Ah, stored samples integrate to {charge:G9}/{discharge:G9} Ah");
            }

            var deviceNet = samples[^1].ChargeAh - samples[0].ChargeAh;
            var period = rig.ChannelOf(runner).Capabilities.MinSamplePeriodS;
            var edgeBoundAh = holdEdges * 0.5 * steps.Max(st => Math.Abs(st.CurrentA)) * period / 3600;
            if (Math.Abs(deviceNet - (charge - discharge)) > (1e-3 * throughput) + edgeBoundAh)
            {
                failures.Add($"seed {seed}: the device counted {deviceNet:G6} Ah net, the samples integrate to {charge - discharge:G6} Ah ({throughput:G6} Ah moved, {holdEdges} hold edges)");
            }

            if (runner.Counters.SampleCount != samples.Count)
            {
                failures.Add($"seed {seed}: {runner.Counters.SampleCount} samples counted, {samples.Count} stored");
            }
        }

        Console.WriteLine($"{Cases} cases, {pauses} pauses; ends: {string.Join(", ", ends.Select(e => $"{e.Key} {e.Value}"))}");
        Assert.IsEmpty(failures, string.Join(Environment.NewLine, failures));
        Assert.IsGreaterThan(Cases, pauses, "pauses happened");
        CollectionAssert.AreEquivalent(new[] { "completed", "stopped", "aborted", "halted" }, ends.Keys.ToArray(), "runs ended by completion, stop, abort and halt");
    }
}
