using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// The execution states on the virtual clock: pause with each hold policy and resume, suspend, stop, abort, halt,
/// the transitions that are refused (naming the state), and the run's end recorded in the store.
/// </summary>
[TestClass]
public sealed class ChannelRunnerStateTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [TestMethod]
    public async Task PauseAsync_OpenCircuitThenResume_HoldsAtZeroCurrentAndTheStepTimeWaits()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(RunnerRig.Thevenin(0.5));
        var changes = new List<RunStateChangedEventArgs>();
        runner.StateChanged += (_, e) => changes.Add(e);
        string runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(RunnerRig.Protocol(RunnerRig.Cc(1e-3, null, 600, "charge")), "t", ct);
            await Task.Delay(S(100), rig.Clock, ct);
            await runner.PauseAsync(HoldPolicy.OpenCircuit, "beam alignment", ct);
            Assert.AreEqual(RunState.Paused, runner.State);
            Assert.AreEqual(HoldPolicy.OpenCircuit, runner.GetStatus().Hold);
            await Task.Delay(S(300), rig.Clock, ct);
            await runner.ResumeAsync("aligned", ct);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        CollectionAssert.AreEqual(
            new[] { RunState.Running, RunState.Pausing, RunState.Paused, RunState.Running, RunState.Finished },
            changes.Select(c => c.Current).ToArray());
        var samples = await rig.ReadSamplesAsync(runId);
        var held = samples.Where(s => s.TimeUnixS > samples[0].TimeUnixS + 101 && s.TimeUnixS < samples[0].TimeUnixS + 399).ToList();
        Assert.IsGreaterThan(250, held.Count);
        Assert.IsTrue(held.All(s => Math.Abs(s.CurrentA) < 1e-8), "open circuit while paused");
        Assert.AreEqual(600, samples[^1].StepTimeS, 1e-6, "the step ran its 600 s; the pause did not count");
        Assert.AreEqual(900, samples[^1].TimeUnixS - samples[0].TimeUnixS, 1e-6, "600 s of step plus 300 s of pause");
    }

    [TestMethod]
    public async Task PauseAsync_HoldVoltage_KeepsTheVoltageOfThePause()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(RunnerRig.Thevenin(0.5));
        string runId = "";
        double pausedAtV = double.NaN;
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(RunnerRig.Protocol(RunnerRig.Cc(1e-3, null, 600)), "t", ct);
            await Task.Delay(S(100), rig.Clock, ct);
            await runner.PauseAsync(HoldPolicy.HoldVoltage, "hold", ct);
            pausedAtV = runner.GetStatus().LastVoltageV;
            await Task.Delay(S(300), rig.Clock, ct);
            await runner.StopAsync("enough", ct);
        });

        var samples = await rig.ReadSamplesAsync(runId);
        var held = samples.Where(s => s.TimeUnixS > samples[0].TimeUnixS + 110).ToList();
        Assert.IsTrue(held.All(s => Math.Abs(s.VoltageV - pausedAtV) < 1e-3), "held at the voltage of the pause");
        Assert.IsGreaterThan(held[^1].CurrentA, held[0].CurrentA, "the current relaxes while the voltage is held");
        Assert.IsGreaterThan(0, held[^1].CurrentA, "a charged-up cell held at its voltage still takes some current");
    }

    [TestMethod]
    public async Task PauseAsync_KeepCurrent_TheCurrentFlowsOnButTheStepClockStops()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(RunnerRig.Thevenin(0.3));
        string runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(RunnerRig.Protocol(RunnerRig.Cc(-0.5e-3, null, 600)), "t", ct);
            await Task.Delay(S(100), rig.Clock, ct);
            await runner.PauseAsync(HoldPolicy.KeepCurrent, "keep", ct);
            await Task.Delay(S(200), rig.Clock, ct);
            Assert.AreEqual(RunState.Paused, runner.State);
            await runner.AbortAsync("operator abort", ct);
        });

        Assert.AreEqual(RunState.Aborted, runner.State);
        var samples = await rig.ReadSamplesAsync(runId);
        var held = samples.Where(s => s.TimeUnixS > samples[0].TimeUnixS + 101).SkipLast(1).ToList();
        Assert.IsTrue(held.All(s => Math.Abs(s.CurrentA + 0.5e-3) < 1e-8), "the discharge current flows on");
        Assert.IsTrue(held.All(s => Math.Abs(s.StepTimeS - 100) < 1e-6), "the step clock waits during the hold");
    }

    [TestMethod]
    public async Task SuspendAsync_ThenResume_SuspendedIsAStateAndTheRunFinishes()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(RunnerRig.Thevenin(0.5));
        rig.Run(async ct =>
        {
            await runner.StartAsync(RunnerRig.Protocol(RunnerRig.Cc(1e-3, null, 120)), "t", ct);
            await Task.Delay(S(10), rig.Clock, ct);
            await runner.SuspendAsync(HoldPolicy.OpenCircuit, "interlock: ring current 0 mA below 150 mA", ct);
            Assert.AreEqual(RunState.Suspended, runner.State);
            await Task.Delay(S(10), rig.Clock, ct);
            await runner.ResumeAsync("interlock cleared", ct);
            Assert.AreEqual(RunState.Running, runner.State);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State);
        Assert.AreEqual("completed", runner.EndReason);
    }

    [TestMethod]
    public async Task StopAbortHalt_EachEndsInItsStateWithItsExitStatusStored()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(RunnerRig.Thevenin(0.5));
        var ends = new RunEndStore(rig.Store);
        var results = new List<(string RunId, RunState State, string Reason)>();
        rig.Run(async ct =>
        {
            foreach (var action in new Func<Task>[]
            {
                () => runner.StopAsync("done early", ct),
                () => runner.AbortAsync("wrong cell", ct),
                () => runner.HaltAsync("smoke", ct),
            })
            {
                var runId = await runner.StartAsync(RunnerRig.Protocol(RunnerRig.Cc(1e-3, null, 600)), "t", ct);
                await Task.Delay(S(30), rig.Clock, ct);
                await action();
                results.Add((runId, runner.State, runner.EndReason));
            }
        });

        Assert.AreEqual((RunState.Finished, "stopped: done early"), (results[0].State, results[0].Reason));
        Assert.AreEqual((RunState.Aborted, "aborted: wrong cell"), (results[1].State, results[1].Reason));
        Assert.AreEqual((RunState.Halted, "halted: smoke"), (results[2].State, results[2].Reason));
        var stored = new List<RunEndRecord?>();
        foreach (var r in results)
        {
            stored.Add(await ends.ReadAsync(r.RunId, CancellationToken.None));
        }

        CollectionAssert.AreEqual(new[] { "success", "abort", "abort" }, stored.Select(e => e!.ExitStatus).ToArray());
        CollectionAssert.AreEqual(new[] { RunState.Finished, RunState.Aborted, RunState.Halted }, stored.Select(e => e!.EndState).ToArray());
        var journal = new RunJournal(rig.Store);
        Assert.AreEqual("end", (await journal.ReadRunAsync(results[0].RunId, CancellationToken.None))[^1].Kind, "a stop cleans up: closing entry");
        Assert.AreNotEqual("end", (await journal.ReadRunAsync(results[2].RunId, CancellationToken.None))[^1].Kind, "a halt does not");
    }

    [TestMethod]
    public async Task Transitions_NotAllowed_ThrowNamingTheStateAndNothingChanges()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(RunnerRig.Thevenin(0.5));
        var idleResume = await Assert.ThrowsExactlyAsync<InvalidRunStateException>(() => runner.ResumeAsync("x", CancellationToken.None));
        Assert.AreEqual("channel ch1: cannot resume while Idle; allowed while Paused or Suspended", idleResume.Message);
        await Assert.ThrowsExactlyAsync<InvalidRunStateException>(() => runner.StopAsync("x", CancellationToken.None));
        rig.Run(async ct =>
        {
            await runner.StartAsync(RunnerRig.Protocol(RunnerRig.Cc(1e-3, null, 60)), "t", ct);
            var resume = await Assert.ThrowsExactlyAsync<InvalidRunStateException>(() => runner.ResumeAsync("x", ct));
            Assert.AreEqual(RunState.Running, resume.State);
            await runner.PauseAsync(HoldPolicy.OpenCircuit, "p", ct);
            var pause = await Assert.ThrowsExactlyAsync<InvalidRunStateException>(() => runner.PauseAsync(HoldPolicy.OpenCircuit, "again", ct));
            StringAssert.Contains(pause.Message, "cannot pause while Paused");
            await Assert.ThrowsExactlyAsync<ChannelBusyException>(() => runner.StartAsync(RunnerRig.Protocol(RunnerRig.Rest(1)), "t", ct));
            Assert.AreEqual(RunState.Paused, runner.State);
            await runner.ResumeAsync("r", ct);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State);
    }
}
