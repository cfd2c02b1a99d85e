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
        var samples = await rig.ReadSamplesAsync(runId);
        foreach (var (entry, live, state) in written)
        {
            // Entries the record pump writes (start, steps, end) hold exactly the runner's state when they are durable;
            // a pause or resume entry is written by the caller while samples go on arriving, so it is the state at the change.
            if (entry.Kind != "state")
            {
                Assert.AreEqual(live, entry.Counters, $"entry {entry.EntryNumber} ({entry.Kind}): the journal holds the runner's counters");
                Assert.AreEqual(state, entry.State, $"entry {entry.EntryNumber}");
            }

            var upTo = samples.Take((int)entry.Counters.SampleCount).ToList();
            var (charge, discharge) = ReferenceIntegral.Of(upTo);
            Assert.AreEqual(charge, entry.Counters.Total.ChargeAh, 1e-12, $"entry {entry.EntryNumber}: total charge over the samples stored before it");
            Assert.AreEqual(discharge, entry.Counters.Total.DischargeAh, 1e-12, $"entry {entry.EntryNumber}: total discharge over the samples stored before it");
            if (upTo.Count > 0)
            {
                Assert.AreEqual(upTo[^1].TimeUnixS, entry.Counters.LastSampleTimeUnixS, $"entry {entry.EntryNumber}");
            }
        }

        var stepEntries = written.Select(w => w.Entry).Where(e => e.Kind == "step").ToList();
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, stepEntries.Select(e => e.StepIndex).ToArray());
        foreach (var e in stepEntries)
        {
            var step = steps[e.StepIndex];
            Assert.AreEqual((step.Kind, step.CurrentA, step.VoltageV, step.Label, step.Cycle), (e.SetKind, e.SetCurrentA, e.SetVoltageV, e.StepLabel, e.Counters.Cycle));
            Assert.AreEqual(default, e.Counters.Step, "a new step starts with empty tallies");
            Assert.IsTrue(samples.Take((int)e.Counters.SampleCount).All(s => s.StepIndex < e.StepIndex), "the samples before a transition belong to earlier steps");
            Assert.IsTrue(samples.Skip((int)e.Counters.SampleCount).All(s => s.StepIndex >= e.StepIndex), "and those after it to this step or later");
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
