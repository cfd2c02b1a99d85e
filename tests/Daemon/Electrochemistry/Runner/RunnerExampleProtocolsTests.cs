using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Daemon.Tests.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Simulators.Potentiostat;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// Every example protocol in config/experiments (linear or not: conditional loops, gotos, groups with limits,
/// emulated conditions, GITT and ladder macros) runs to completion through <see cref="ChannelRunner"/> on its
/// preset, driven segment by segment by the runner's <see cref="ProtocolCursor"/>, and runs the same steps as the
/// bare cursor on an identical channel; samples, journal and counters agree with each other across segments. Pauses
/// (also one asked for between two segments) in the fade loop keep the counters equal to the integral over the
/// stored samples; a stop, abort, halt, fault or safety trip ends the whole run.
/// </summary>
[TestClass]
public sealed class RunnerExampleProtocolsTests
{
    public static IEnumerable<object[]> Examples() => ExampleProtocolsTests.Examples();

    /// <summary>
    /// The channel's range with the current limit a hair (0.1 %) wider: the potentiostatic ladder's 300 mV steps
    /// drive the 10 mA channel into compliance, where the reading (noise included) lies a few nA beyond ±10 mA and a
    /// limit of exactly the range would rightly trip; the bare cursor run has no limit to trip.
    /// </summary>
    private static SafetyLimits Limits(ChannelCapabilities caps) => new(caps.VoltageRangeV, caps.MaxAbsCurrentA * 1.001);

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public async Task Example_ThroughTheRunner_FinishesWithTheBareCursorsSteps(string file)
    {
        var bare = ExampleProtocolsTests.RunWithCursor(ExampleProtocolsTests.Load(file));
        var expected = bare.Segments.SelectMany(s => s.Steps).Select(s => (s.Step.Label, s.Step.Cycle)).ToList();

        var e = ExampleProtocolsTests.Load(file);
        await using var rig = await RunnerRig.CreateAsync(e.Clock);
        var runner = await rig.AddRunnerAsync(e.Channel, Limits(e.Channel.Capabilities));
        var journal = new List<RunJournalEntry>();
        runner.JournalWritten += (_, entry) => journal.Add(entry);
        var runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(e.Protocol, file, ct);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State, $"{file}: {runner.EndReason}");
        Assert.AreEqual("completed", runner.EndReason, file);
        var samples = await rig.ReadSamplesAsync(runId);
        Assert.HasCount(bare.Samples.Count, samples, $"{file}: the runner stored every sample the bare run saw");

        // The steps, in the order they started: the start entry names the first, every step entry the next one.
        var starts = journal.Where(j => j.Kind is "start" or "step").ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, expected.Count).ToArray(), starts.Select(j => j.StepIndex).ToArray(), $"{file}: run-wide step indices");
        CollectionAssert.AreEqual(expected.Select(x => x.Label).ToArray(), starts.Select(j => j.StepLabel).ToArray(), $"{file}: the bare cursor's steps");
        CollectionAssert.AreEqual(expected.Skip(1).Select(x => x.Cycle).ToArray(), starts.Skip(1).Select(j => j.Counters.Cycle).ToArray(), $"{file}: the cursor's cycles");
        foreach (var entry in journal)
        {
            Assert.IsNotNull(entry.Cursor, $"{file}: entry {entry.EntryNumber} ({entry.Kind}) carries the cursor");
            var cursor = CursorState.FromJson(entry.Cursor);
            if (entry.Kind is "start" or "step")
            {
                Assert.AreEqual(entry.StepIndex, cursor.StepsRun, $"{file}: entry {entry.EntryNumber}: the steps before it have ended in the cursor");
            }
        }

        var last = CursorState.FromJson(journal[^1].Cursor!);
        Assert.AreEqual(("end", true, "completed", expected.Count), (journal[^1].Kind, last.Finished, last.FinishReason, last.StepsRun), file);
        Assert.AreEqual(bare.Cursor.State.CompletedCycles.Count, last.CompletedCycles.Count, $"{file}: cycles completed");

        // Samples: tagged with their step's label and cycle, the step index never going back, the count going on across segments.
        foreach (var s in samples)
        {
            Assert.AreEqual(expected[s.StepIndex], (s.StepLabel, s.Cycle), $"{file}: sample {s.Seq} of step {s.StepIndex}");
        }

        Assert.IsTrue(samples.Zip(samples.Skip(1)).All(p => p.Second.StepIndex >= p.First.StepIndex), $"{file}: step indices never go back");
        var deviceNetAh = Enumerable.Range(1, bare.Samples.Count - 1)
            .Where(i => ReferenceEquals(bare.SampleSegments[i], bare.SampleSegments[i - 1])) // the device's count restarts with every segment
            .Sum(i => bare.Samples[i].TotalChargeAh - bare.Samples[i - 1].TotalChargeAh);
        Assert.AreEqual(deviceNetAh, samples[^1].ChargeAh - samples[0].ChargeAh, 1e-9 + (1e-6 * Math.Abs(deviceNetAh)), $"{file}: the stored coulomb count goes on across segments");

        var (charge, discharge) = ReferenceIntegral.Of(samples);
        var live = runner.Counters;
        Assert.AreEqual(charge, live.Total.ChargeAh, 1e-9 * (charge + discharge) + 1e-15, $"{file}: total charge");
        Assert.AreEqual(discharge, live.Total.DischargeAh, 1e-9 * (charge + discharge) + 1e-15, $"{file}: total discharge");
        Assert.AreEqual((long)samples.Count, live.SampleCount, file);
        Assert.AreEqual(expected[^1].Cycle, live.Cycle, $"{file}: the last step's cycle");
        Assert.HasCount(bare.ImpedancePoints.Count, await rig.Store.ReadImpedanceAsync(runId, CancellationToken.None), $"{file}: impedance points");
        var sweeps = bare.Segments.SelectMany(s => s.Steps).Select((s, i) => (s, i)).Where(x => x.s.Step.Impedance is not null).Select(x => x.i).ToArray();
        var spectra = await new ImpedanceSpectrumStore(rig.Store).ReadRunAsync(runId, CancellationToken.None);
        CollectionAssert.AreEqual(sweeps, spectra.Select(s => s.StepIndex).ToArray(), $"{file}: every sweep stored as a spectrum");
        Assert.IsTrue(spectra.All(s => s.PointCount > 0 && s.End.TimeUnixS > s.Start.TimeUnixS), $"{file}: spectra with points and a start and end state");
    }

    [TestMethod]
    public async Task FadeLoop_PausesIncludingOneBetweenSegments_CountersEqualTheIntegralOverStoredSamples()
    {
        const string file = "cycling-until-80-percent.yaml";
        var e = ExampleProtocolsTests.Load(file);
        Assert.IsFalse(e.Protocol.IsLinear, "a loop with a condition");
        await using var rig = await RunnerRig.CreateAsync(e.Clock);
        var runner = await rig.AddRunnerAsync(e.Channel, Limits(e.Channel.Capabilities));
        var rng = new Random(4242);
        var journal = new List<RunJournalEntry>();
        var pauses = 0;
        var boundaryPauses = 0;
        var holdEdges = 0;
        Task? boundaryPause = null;
        runner.JournalWritten += (_, entry) =>
        {
            journal.Add(entry);
            // A step entry written while the channel has finished a segment and the next is not loaded yet: pause right there.
            if (entry.Kind == "step" && e.Channel.State == ChannelState.Finished && boundaryPauses < 3 && runner.State == RunState.Running && entry.Counters.Cycle >= 2)
            {
                boundaryPauses++;
                holdEdges += 2;
                boundaryPause = boundaryPauses == 2
                    ? runner.SuspendAsync(HoldPolicy.HoldVoltage, "interlock between two segments", CancellationToken.None)
                    : runner.PauseAsync(HoldPolicy.OpenCircuit, "between two segments", CancellationToken.None);
            }
        };
        var runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(e.Protocol, file, ct);
            while (!runner.Completion.IsCompleted)
            {
                await Task.WhenAny(runner.Completion, Task.Delay(TimeSpan.FromSeconds(rng.Next(600, 8_000)), e.Clock, ct));
                if (runner.State == RunState.Running)
                {
                    await runner.PauseAsync((HoldPolicy)rng.Next(3), "random pause", ct);
                    pauses++;
                    holdEdges += 2;
                }

                await Task.WhenAny(runner.Completion, Task.Delay(TimeSpan.FromSeconds(rng.Next(10, 900)), e.Clock, ct));
                if (runner.State is RunState.Paused or RunState.Suspended)
                {
                    await runner.ResumeAsync("random resume", ct);
                }
            }

            if (boundaryPause is not null)
            {
                await boundaryPause;
            }
        });

        Console.WriteLine($"{pauses} random pauses, {boundaryPauses} between segments, {runner.Counters.Cycle} cycles");
        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        Assert.AreEqual("completed", runner.EndReason);
        Assert.IsGreaterThan(5, pauses, "pauses happened");
        Assert.AreEqual(3, boundaryPauses, "pauses between segments happened");
        Assert.IsTrue(journal.Any(j => j.Kind == "state" && j.State == RunState.Suspended && j.Hold == HoldPolicy.HoldVoltage), "one was a suspension");
        var paused = journal.Where(j => j.Kind == "state" && j.State == RunState.Paused).ToList();
        Assert.IsGreaterThan(3, paused.Select(j => j.Counters.Cycle).Distinct().Count(), "pauses in several cycles (several segments)");

        var samples = await rig.ReadSamplesAsync(runId);
        var (charge, discharge) = ReferenceIntegral.Of(samples);
        var throughput = charge + discharge;
        var live = runner.Counters.Total;
        Assert.AreEqual(charge, live.ChargeAh, 1e-3 * throughput, "charge total = ∫I dt over the stored samples within 0.1 %");
        Assert.AreEqual(discharge, live.DischargeAh, 1e-3 * throughput, "discharge total = ∫I dt over the stored samples within 0.1 %");
        Assert.AreEqual(charge, live.ChargeAh, 1e-9 * throughput, "in fact to rounding");
        Assert.AreEqual(discharge, live.DischargeAh, 1e-9 * throughput, "in fact to rounding");
        var deviceNet = samples[^1].ChargeAh - samples[0].ChargeAh;
        var maxCurrentA = samples.Max(s => Math.Abs(s.CurrentA));
        var edgeBoundAh = holdEdges * 0.5 * maxCurrentA * e.Channel.Capabilities.MinSamplePeriodS / 3600;
        Assert.AreEqual(charge - discharge, deviceNet, (1e-3 * throughput) + edgeBoundAh, "the device's coulomb count (across segments) agrees with the samples");

        // The loop's end (the cursor's decision) is a run event.
        var decisions = new List<string>();
        await foreach (var ev in rig.Store.ReadEventsAsync(EventRecord.ChannelStream(runner.ChannelId), 0, CancellationToken.None))
        {
            if (ev.Kind == "protocol.decision")
            {
                decisions.Add(ev.Message);
            }
        }

        Assert.IsNotEmpty(decisions, "the loop's end was recorded");
        Console.WriteLine(string.Join(Environment.NewLine, decisions));

        // The cycle tallies the cursor decided on agree with the runner's own per-cycle view of the samples.
        var cursor = CursorState.FromJson(journal[^1].Cursor!);
        Assert.IsGreaterThan(1, cursor.CompletedCycles.Count);
        foreach (var c in cursor.CompletedCycles)
        {
            var cycle = samples.Where(s => s.Cycle == c.Cycle).ToList();
            Assert.IsNotEmpty(cycle, $"cycle {c.Cycle} has samples");
        }
    }
    [TestMethod]
    [DataRow("stop", RunState.Finished, "stopped: ")]
    [DataRow("abort", RunState.Aborted, "aborted: ")]
    [DataRow("halt", RunState.Halted, "halted: ")]
    [DataRow("compliance", RunState.Faulted, "compliance")]
    [DataRow("nan", RunState.Faulted, "safety: voltage reading NaN")]
    public async Task FadeLoop_EndedOrFaultedInTheMiddle_EndsTheWholeRunWithNoFurtherSegment(string how, RunState expected, string reasonStart)
    {
        const string file = "cycling-until-80-percent.yaml";
        var e = ExampleProtocolsTests.Load(file);
        await using var rig = await RunnerRig.CreateAsync(e.Clock);
        var runner = await rig.AddRunnerAsync(e.Channel, Limits(e.Channel.Capabilities));
        var journal = new List<RunJournalEntry>();
        runner.JournalWritten += (_, entry) => journal.Add(entry);
        var runId = "";
        long storedAtEnd = -1;
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(e.Protocol, file, ct);
            await Task.Delay(TimeSpan.FromHours(9.3), e.Clock, ct); // several cycles (segments) in
            Assert.AreEqual(RunState.Running, runner.State, runner.EndReason);
            switch (how)
            {
                case "stop":
                    await runner.StopAsync("enough", ct);
                    break;
                case "abort":
                    await runner.AbortAsync("cell swelling", ct);
                    break;
                case "halt":
                    await runner.HaltAsync("emergency", ct);
                    break;
                case "compliance":
                    e.Channel.InjectFault(Simulators.Potentiostat.ChannelFault.ComplianceHit);
                    break;
                default:
                    e.Channel.InjectFault(Simulators.Potentiostat.ChannelFault.NaNReading);
                    break;
            }

            await runner.Completion;
            storedAtEnd = runner.Counters.SampleCount;
            await Task.Delay(TimeSpan.FromHours(2), e.Clock, ct); // nothing may start behind the ended run
        });

        Assert.AreEqual(expected, runner.State, runner.EndReason);
        StringAssert.StartsWith(runner.EndReason, reasonStart);
        Assert.IsFalse(e.Channel.State is ChannelState.Running or ChannelState.Paused or ChannelState.Loaded, $"the channel is {e.Channel.State}");
        var samples = await rig.ReadSamplesAsync(runId);
        Assert.AreEqual(storedAtEnd, samples.Count, "no sample after the run ended");
        var cursor = CursorState.FromJson(journal[^1].Cursor!);
        Assert.IsFalse(cursor.Finished, "the protocol itself did not end");
        Assert.IsGreaterThan(2, samples[^1].Cycle, "ended a few cycles in");
        Assert.AreEqual(samples[^1].Cycle - 1, cursor.CompletedCycles.Count, "the cursor was in the cycle of the last sample");
        Assert.AreEqual(how == "halt" ? "step" : "end", journal[^1].Kind, "a halt writes no closing entry");

        var (charge, discharge) = ReferenceIntegral.Of(samples);
        var live = runner.Counters.Total;
        Assert.AreEqual(charge, live.ChargeAh, 1e-9 * (charge + discharge));
        Assert.AreEqual(discharge, live.DischargeAh, 1e-9 * (charge + discharge));
    }
    [TestMethod]
    public async Task GroupWithOnLimitStop_ThroughTheRunner_EndsWithTheCursorsReasonRecordedAsAnEvent()
    {
        const string yaml = """
            name: 1C cycling in a 3 h window, then stop
            cell: { active_mass: 8.89 mg, specific_capacity: 200 mAh/g }
            steps:
              - group: beamtime
                until: [time >= 3 h]
                on_limit: stop
                steps:
                  - repeat: 20
                    steps:
                      - Charge at 1C until 4.25 V or 2 h
                      - Discharge at 1C until 2.6 V or 2 h
              - Rest for 30 min
            """;
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(new Simulators.Cell.LumpedCellModel(Simulators.Cell.CellPresets.Load("nmc83-lpscl-limg-60c")), samplePeriodS: 10);
        var runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(ProtocolParser.Parse(yaml, "window.yaml"), "window.yaml", ct);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        StringAssert.StartsWith(runner.EndReason, "group 'beamtime'");
        StringAssert.EndsWith(runner.EndReason, "on_limit: stop", "the cursor's finish reason, not the channel's");
        var samples = await rig.ReadSamplesAsync(runId);
        // The group counts step time; each reload between segments adds up to a sample period (10 s) at open circuit.
        Assert.AreEqual(3 * 3600, samples[^1].TimeUnixS - samples[0].TimeUnixS, 30, "the window's 3 h of step time plus the reloads, and no rest after it");
        Assert.IsTrue(samples.All(s => s.StepLabel != "rest"), "the steps after the group never ran");

        var events = new List<EventRecord>();
        await foreach (var ev in rig.Store.ReadEventsAsync(EventRecord.ChannelStream(runner.ChannelId), 0, CancellationToken.None))
        {
            events.Add(ev);
        }

        Assert.AreEqual(runner.EndReason, events.Single(ev => ev.Kind == "protocol.end").Message, "the protocol's end is a run event");
        Assert.IsTrue(events.All(ev => ev.RunId == runId));
    }
    [TestMethod]
    [DataRow("gitt-eis-pto.yaml")]
    [DataRow("nmc811-formation-then-c10-window.yaml")]
    public async Task Example_OnADeviceWithoutDvDtOrCapacityEnds_TheRunnerEmulatesThemAsTheBareCursorDoes(string file)
    {
        var deviceCan = new HashSet<TerminationQuantity>(Enum.GetValues<TerminationQuantity>()
            .Except([TerminationQuantity.AbsVoltageSlopeVPerS, TerminationQuantity.StepCapacityAh]));
        SimulatedChannelOptions Options() => new() { SamplePeriodS = 10, IntegrationStepS = 10, DeviceTerminations = deviceCan };
        var bare = ExampleProtocolsTests.RunWithCursor(ExampleProtocolsTests.Load(file, Options()));
        var expected = bare.Segments.SelectMany(s => s.Steps).Select(s => s.Step.Label).ToArray();

        var e = ExampleProtocolsTests.Load(file, Options());
        await using var rig = await RunnerRig.CreateAsync(e.Clock);
        var runner = await rig.AddRunnerAsync(e.Channel, Limits(e.Channel.Capabilities));
        var journal = new List<RunJournalEntry>();
        runner.JournalWritten += (_, entry) => journal.Add(entry);
        var runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(e.Protocol, file, ct);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        Assert.AreEqual("completed", runner.EndReason);
        CollectionAssert.AreEqual(expected, journal.Where(j => j.Kind is "start" or "step").Select(j => j.StepLabel).ToArray(), $"{file}: the bare cursor's steps");
        var stops = new List<string>();
        await foreach (var ev in rig.Store.ReadEventsAsync(EventRecord.ChannelStream(runner.ChannelId), 0, CancellationToken.None))
        {
            if (ev.Kind == "protocol.condition")
            {
                stops.Add(ev.Message);
            }
        }

        Console.WriteLine($"{file}: {stops.Count} emulated stops, e.g. {stops.FirstOrDefault()}");
        Assert.IsNotEmpty(bare.EmulatedStops, $"{file}: the device leaves some conditions to the daemon");
        Assert.HasCount(bare.EmulatedStops.Count, stops, $"{file}: the runner stopped the channel on each emulated condition the bare run met");
        for (var i = 0; i < stops.Count; i++)
        {
            StringAssert.Contains(stops[i], bare.EmulatedStops[i], $"{file}: stop {i}");
        }

        var samples = await rig.ReadSamplesAsync(runId);
        var (charge, discharge) = ReferenceIntegral.Of(samples);
        Assert.AreEqual(charge, runner.Counters.Total.ChargeAh, 1e-9 * (charge + discharge));
        Assert.AreEqual(discharge, runner.Counters.Total.DischargeAh, 1e-9 * (charge + discharge));
    }
}
