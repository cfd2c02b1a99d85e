using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// Four channels run independent protocols at once on one virtual clock (different cells, sample periods and
/// operator actions): each run's data is exactly what the same run gives alone, each stream is numbered without
/// gaps, and one channel's pause or stop does not touch the others.
/// </summary>
[TestClass]
public sealed class ConcurrentChannelsTests
{
    private sealed record Plan(string Id, Func<ICellModel> Cell, double PeriodS, ChannelStep[] Steps, Func<ChannelRunner, VirtualClockActions, Task>? During);

    private sealed record VirtualClockActions(TimeProvider Clock, CancellationToken Ct)
    {
        public Task After(double seconds) => Task.Delay(TimeSpan.FromSeconds(seconds), Clock, Ct);
    }

    private static readonly Plan[] Plans =
    [
        new("ch1", () => RunnerRig.Thevenin(0.3), 1, [RunnerRig.Cc(1e-3, 4.0, 3600, "charge", 1), RunnerRig.Rest(300, 1), RunnerRig.Cc(-1e-3, 3.5, 3600, "discharge", 1)], null),
        new("ch2", () => new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt") with { InitialStateOfCharge = 0.5 }), 2,
            [RunnerRig.Cc(0.5e-3, null, 1200, "charge", 1), RunnerRig.Rest(600, 1)], null),
        new("ch3", () => RunnerRig.Thevenin(0.6, 2e-3), 0.5, [RunnerRig.Cc(-1.5e-3, 3.4, 2400, "discharge", 1), RunnerRig.Rest(120, 1)],
            async (r, a) => { await a.After(500); await r.PauseAsync(HoldPolicy.OpenCircuit, "beam", a.Ct); await a.After(700); await r.ResumeAsync("beam back", a.Ct); }),
        new("ch4", () => RunnerRig.Thevenin(0.5), 1, [RunnerRig.Cc(0.7e-3, null, 5000, "charge", 1)],
            async (r, a) => { await a.After(1500); await r.StopAsync("enough", a.Ct); }),
    ];

    [TestMethod]
    public async Task Run_FourChannelsAtOnce_EachRunEqualsTheSameRunAlone()
    {
        var together = await RunAsync(Plans);
        var alone = new List<List<SampleRecord>>();
        foreach (var plan in Plans)
        {
            alone.Add((await RunAsync([plan]))[0]);
        }

        for (var i = 0; i < Plans.Length; i++)
        {
            var a = together[i];
            var b = alone[i];
            Assert.HasCount(b.Count, a, $"{Plans[i].Id}: as many samples as alone");
            CollectionAssert.AreEqual(Enumerable.Range(1, a.Count).Select(n => (long)n).ToArray(), a.Select(s => s.Seq).ToArray(), $"{Plans[i].Id}: numbered 1..n without gaps");
            for (var k = 0; k < a.Count; k++)
            {
                Assert.AreEqual((b[k].TimeUnixS - b[0].TimeUnixS, b[k].VoltageV, b[k].CurrentA, b[k].StepIndex),
                    (a[k].TimeUnixS - a[0].TimeUnixS, a[k].VoltageV, a[k].CurrentA, a[k].StepIndex), $"{Plans[i].Id} sample {k}");
            }
        }

        Assert.AreEqual(1500, together[3][^1].TimeUnixS - together[3][0].TimeUnixS, 1e-6, "ch4 stopped at 1500 s");
        Assert.AreEqual(1800, together[1][^1].TimeUnixS - together[1][0].TimeUnixS, 1e-6, "ch2 ran its 1800 s");
        Assert.IsTrue(together[2].Any(s => s.CurrentA == 0 && s.StepIndex == 0), "ch3 was held at open circuit");
    }

    private static async Task<List<List<SampleRecord>>> RunAsync(IReadOnlyList<Plan> plans)
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runners = new List<ChannelRunner>();
        foreach (var p in plans)
        {
            runners.Add(await rig.AddChannelAsync(p.Cell(), samplePeriodS: p.PeriodS, id: p.Id));
        }

        var runIds = new string[plans.Count];
        rig.Run(ct => Task.WhenAll(plans.Select(async (p, i) =>
        {
            runIds[i] = await runners[i].StartAsync(RunnerRig.Protocol(p.Steps), p.Id, ct);
            if (p.During is { } during)
            {
                await during(runners[i], new VirtualClockActions(rig.Clock, ct));
            }

            await runners[i].Completion;
        })));
        var expected = new[] { RunState.Finished, RunState.Finished, RunState.Finished, RunState.Finished };
        CollectionAssert.AreEqual(expected.Take(plans.Count).ToArray(), runners.Select(r => r.State).ToArray(), string.Join("; ", runners.Select(r => r.EndReason)));
        Assert.HasCount(plans.Count, runIds.Distinct());
        var result = new List<List<SampleRecord>>();
        foreach (var id in runIds)
        {
            result.Add(await rig.ReadSamplesAsync(id));
        }

        return result;
    }
}
