using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Drivers.Abstractions;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// The safety property: whatever the protocol, the preset and the limits, no recorded sample lies outside the
/// channel's limits later than one sample period after the first breach (the runner stops the cell at the breach),
/// and every breach ends the run Faulted naming the signal. Seeded random cases, reproducible: a failure prints the
/// seed and the whole case.
/// </summary>
[TestClass]
public sealed class SafetyPropertyTests
{
    private const int Cases = 60;

    [TestMethod]
    public async Task Run_RandomProtocolsPresetsAndLimits_NoSampleOutsideTheLimitsAfterOneSamplePeriod()
    {
        var failures = new List<string>();
        var voltageTrips = 0;
        var currentTrips = 0;
        var presetCases = 0;
        for (var k = 0; k < Cases; k++)
        {
            var c = SafetyCase.Generate(seed: 4100 + k);
            presetCases += c.CellName == "thevenin" ? 0 : 1;
            await using var rig = await RunnerRig.CreateAsync();
            var runner = await rig.AddChannelAsync(c.Cell, c.Limits, c.SamplePeriodS, maxCurrentA: c.ChannelMaxCurrentA, noiseSeed: c.Seed,
                voltageRangeV: new ValueRange(-5, 5));
            var runId = "";
            rig.Run(async ct =>
            {
                runId = await runner.StartAsync(RunnerRig.Protocol([.. c.Steps]), "random", ct);
                await runner.Completion;
            });

            var samples = await rig.ReadSamplesAsync(runId);
            var first = samples.FindIndex(s => c.Breaches(s.VoltageV, s.CurrentA));
            if (first < 0)
            {
                if (runner.EndReason.StartsWith("safety:", StringComparison.Ordinal))
                {
                    failures.Add($"{c}: tripped ({runner.EndReason}) without a recorded breach");
                }

                continue;
            }

            var deadline = samples[first].TimeUnixS + c.SamplePeriodS + 1e-9;
            var late = samples.Skip(first).FirstOrDefault(s => s.TimeUnixS > deadline && c.Breaches(s.VoltageV, s.CurrentA));
            if (late is not null)
            {
                failures.Add($"{c}: sample {late.Seq} at +{late.TimeUnixS - samples[first].TimeUnixS:G4} s ({late.VoltageV:G6} V, {late.CurrentA:G6} A) outside the limits after the reaction period");
            }

            if (samples[^1].TimeUnixS > deadline)
            {
                failures.Add($"{c}: the run went on {samples[^1].TimeUnixS - samples[first].TimeUnixS:G4} s after the first breach");
            }

            if (runner.State != RunState.Faulted || !runner.EndReason.StartsWith("safety: ", StringComparison.Ordinal))
            {
                failures.Add($"{c}: breach recorded but the run ended {runner.State} ({runner.EndReason})");
            }

            voltageTrips += runner.EndReason.StartsWith("safety: voltage", StringComparison.Ordinal) ? 1 : 0;
            currentTrips += runner.EndReason.StartsWith("safety: current", StringComparison.Ordinal) ? 1 : 0;
        }

        Console.WriteLine($"{Cases} cases: {presetCases} on presets, {voltageTrips} voltage trips, {currentTrips} current trips");
        Assert.IsEmpty(failures, string.Join(Environment.NewLine, failures));
        Assert.IsGreaterThanOrEqualTo(10, voltageTrips, "enough cases push the voltage beyond the window");
        Assert.IsGreaterThanOrEqualTo(5, currentTrips, "enough cases draw more current than allowed");
        Assert.IsGreaterThanOrEqualTo(15, presetCases, "the shipped presets take part");
    }
}
