using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// The journal is written at every step transition and state change, equals the runner's own state at that moment,
/// agrees with the stored samples, and reads back the same from a reopened store.
/// </summary>
[TestClass]
public sealed class RunJournalTests
{
    [TestMethod]
    public async Task Journal_EveryTransition_EqualsTheRunnersStateAndSurvivesReopeningTheStore()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(RunnerRig.Thevenin(0.4));
        ChannelStep[] steps =
        [
            RunnerRig.Cc(1e-3, 4.0, 600, "charge", 1), RunnerRig.Rest(60, 1), RunnerRig.Cc(-1e-3, 3.5, 600, "discharge", 1),
            RunnerRig.Cc(0.8e-3, 4.0, 600, "charge", 2), RunnerRig.Cv(3.9, 2e-5, 300, "hold", 2), RunnerRig.Cc(-0.8e-3, 3.5, 600, "discharge", 2),
        ];
        var written = new List<(RunJournalEntry Entry, RunCountersSnapshot Live, RunState State)>();
        runner.JournalWritten += (_, e) => written.Add((e, runner.Counters, runner.State));
        var runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(RunnerRig.Protocol(steps), "journal", ct);
            await Task.Delay(TimeSpan.FromSeconds(900), rig.Clock, ct);
            await runner.PauseAsync(HoldPolicy.KeepCurrent, "xanes", ct);
            await Task.Delay(TimeSpan.FromSeconds(120), rig.Clock, ct);
            await runner.ResumeAsync("done", ct);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        CollectionAssert.AreEqual(new[] { "start", "step", "step", "state", "state", "step", "step", "step", "end" }, written.Select(w => w.Entry.Kind).ToArray(),
            "start, five step transitions with a pause and a resume between, end");
        foreach (var (entry, live, state) in written)
        {
            Assert.AreEqual(live, entry.Counters, $"entry {entry.EntryNumber}: the journal holds the runner's counters");
            Assert.AreEqual(state, entry.State, $"entry {entry.EntryNumber}");
        }

        var samples = await rig.ReadSamplesAsync(runId);
        var stepEntries = written.Select(w => w.Entry).Where(e => e.Kind == "step").ToList();
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, stepEntries.Select(e => e.StepIndex).ToArray());
        foreach (var e in stepEntries)
        {
            var step = steps[e.StepIndex];
            Assert.AreEqual((step.Kind, step.CurrentA, step.VoltageV, step.Label, step.Cycle), (e.SetKind, e.SetCurrentA, e.SetVoltageV, e.StepLabel, e.Counters.Cycle));
            Assert.AreEqual(default, e.Counters.Step, "a new step starts with empty tallies");
            var (charge, discharge) = ReferenceIntegral.Of(samples.Where(s => s.TimeUnixS <= e.TimeUnixS));
            Assert.AreEqual(charge, e.Counters.Total.ChargeAh, 1e-12, $"step {e.StepIndex}: total charge up to the transition");
            Assert.AreEqual(discharge, e.Counters.Total.DischargeAh, 1e-12, $"step {e.StepIndex}: total discharge up to the transition");
        }

        var pause = written.Select(w => w.Entry).First(e => e.Kind == "state");
        Assert.AreEqual((RunState.Paused, HoldPolicy.KeepCurrent), (pause.State, pause.Hold));
        Assert.AreEqual(0, written.Select(w => w.Entry).First(e => e.Kind == "step" && e.Counters.Cycle == 2).Counters.CycleTally.ChargeAh, "cycle 2 starts with empty tallies");

        var reopened = await rig.ReopenStoreAsync();
        var journal = new RunJournal(reopened);
        CollectionAssert.AreEqual(written.Select(w => w.Entry).ToArray(), (await journal.ReadRunAsync(runId, CancellationToken.None)).ToArray(),
            "every entry reads back equal from the reopened file");
        Assert.AreEqual(written[^1].Entry, await journal.ReadLatestAsync("ch1", CancellationToken.None));
    }
}
