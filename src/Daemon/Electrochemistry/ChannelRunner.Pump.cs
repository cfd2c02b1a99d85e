using System.Globalization;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Analytics;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>The record pump: every record of the channel, in order, segment after segment, from the start of a run to its end state.</summary>
public sealed partial class ChannelRunner
{
    private async Task PumpAsync(string runId, RunProgram program)
    {
        var channelId = _channel.ChannelId;
        var finalState = RunState.Faulted;
        var reason = "the channel's record stream ended without a final record";
        string? safetyTrip = null;
        var halted = false;
        var shortCircuit = _safety.Limits.ShortCircuit is { } sc ? new ShortCircuitDetector(sc) : null;
        using var watchdog = new SilenceWatchdog(_time, _safety.MaxSilence);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(watchdog.Token, _haltRead.Token);
        try
        {
            ProtocolSegment segment;
            int stepBase;
            lock (_gate)
            {
                segment = _segment!;
                stepBase = _stepBase;
            }

            var sweep = BeginSweep(segment.Steps[0], stepBase, program);
            var chargeBaseAh = 0.0; // the device's coulomb count restarts with every load: the stored count goes on across segments
            var lastChargeAh = 0.0;
            while (true)
            {
                var tracker = new SegmentTracker(segment);
                ChannelFinished? finished = null;
                string? failure = null;
                await foreach (var record in _channel.ReadRecordsAsync(read.Token))
                {
                    watchdog.Reset();
                    switch (record)
                    {
                        case ChannelSample s:
                            if (safetyTrip is null && (_safety.Evaluate(s) ?? shortCircuit?.Check(s)) is { } breach)
                            {
                                safetyTrip = await TripAsync(runId, breach);
                            }

                            if (double.IsFinite(s.VoltageV) && double.IsFinite(s.CurrentA)) // a non-finite reading is no measurement; the reason keeps it
                            {
                                var step = segment.Steps[Math.Min(s.StepIndex, segment.Steps.Count - 1)].Step;
                                var stored = _pipeline.Publish(new SampleRecord(
                                    0, runId, channelId, UnixSeconds(s.Timestamp),
                                    s.VoltageV, s.CurrentA, chargeBaseAh + s.TotalChargeAh, stepBase + s.StepIndex, step.Label, step.Cycle, s.StepTimeS, s.TemperatureC));
                                lastChargeAh = stored.ChargeAh;
                                lock (_gate)
                                {
                                    _counters.Add(AnalyzerSample.From(stored));
                                    _lastSample = stored;
                                }

                                sweep?.Observe(stored);
                            }

                            break;
                        case ImpedancePoint z:
                            sweep?.Points.Add(z);
                            // A few points per second at most: stored directly, off the acquisition path (the channel buffers).
                            using (SimulationHold.Begin())
                            {
                                await _store.AppendImpedanceAsync(
                                    [new ImpedanceRecord(runId, channelId, stepBase + z.StepIndex, UnixSeconds(z.Timestamp), z.FrequencyHz, z.RealOhm, z.ImaginaryOhm)],
                                    CancellationToken.None);
                            }

                            break;
                        case ChannelFinished f:
                            finished = f;
                            break;
                    }

                    var seen = tracker.Observe(record);
                    if (seen.StopChannel && safetyTrip is null)
                    {
                        await _channel.StopAsync(CancellationToken.None); // the daemon's emulation of a condition the device cannot evaluate
                        RecordEvent("protocol.condition", $"step {stepBase + tracker.StepIndex} '{tracker.CurrentStep.Step.Label}': {seen.MetCondition} met; the step ends");
                    }

                    if (seen.Ended.Count > 0)
                    {
                        foreach (var ended in seen.Ended)
                        {
                            program.StepEnded(ended);
                        }

                        var json = program.StateJson();
                        lock (_gate)
                        {
                            _cursorJson = json;
                        }

                        LogDecisions(program);
                    }

                    failure ??= seen.Failure;
                    if (record is StepTransition t && t.StepIndex < segment.Steps.Count)
                    {
                        if (sweep is not null)
                        {
                            await EndSweepAsync(runId, sweep);
                        }

                        var step = segment.Steps[t.StepIndex].Step;
                        sweep = BeginSweep(segment.Steps[t.StepIndex], stepBase + t.StepIndex, program);
                        LogStepStarted(_logger, runId, stepBase + t.StepIndex, step.Label, t.Reason);
                        lock (_gate)
                        {
                            _counters.BeginStep(stepBase + t.StepIndex, step.Cycle);
                        }

                        await WriteJournalAsync("step", t.Timestamp, CancellationToken.None);
                    }
                }

                lock (_gate)
                {
                    _holdOnDevice = false; // the segment is over: nothing holds the cell until the next one starts
                }

                if (sweep is not null)
                {
                    await EndSweepAsync(runId, sweep); // the segment's last step measured impedance (or the run was stopped in it)
                    sweep = null;
                }

                if (finished is null)
                {
                    break; // the stream ended without a final record
                }

                finalState = finished.FinalState == ChannelState.Faulted ? RunState.Faulted : RunState.Finished;
                reason = finished.Reason;
                if (failure is not null || safetyTrip is not null || EndRequested())
                {
                    break; // the channel faulted or was stopped, a limit tripped, or an operator ended the run: no next segment
                }

                var next = program.NextSegment();
                var settled = program.StateJson();
                lock (_gate)
                {
                    _cursorJson = settled; // settled: loop ends decided, or the protocol finished
                }

                LogDecisions(program);
                if (next is null)
                {
                    reason = program.FinishReason;
                    RecordEvent("protocol.end", reason);
                    break;
                }

                stepBase = program.StepsRun;
                chargeBaseAh = lastChargeAh;
                segment = next;
                sweep = BeginSweep(segment.Steps[0], stepBase, program);
                if (await StartSegmentAsync(runId, segment, stepBase) is { } notStarted)
                {
                    finalState = RunState.Faulted;
                    reason = notStarted;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (watchdog.Fired)
        {
            safetyTrip ??= await TripAsync(runId, _safety.SilenceBreach());
        }
        catch (OperationCanceledException) when (_haltRead.IsCancellationRequested)
        {
            halted = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            finalState = RunState.Faulted;
            reason = $"reading the channel failed: {ex.Message}";
        }

        RunAction? request;
        string requestReason;
        lock (_gate)
        {
            request = _endRequest;
            requestReason = _endRequestReason;
        }

        if (safetyTrip is not null)
        {
            finalState = RunState.Faulted;
            reason = safetyTrip;
        }
        else if (request == RunAction.Halt || halted)
        {
            finalState = RunState.Halted;
            reason = $"halted: {requestReason}";
        }
        else if (finalState == RunState.Finished && request == RunAction.Stop)
        {
            reason = $"stopped: {requestReason}";
        }
        else if (finalState == RunState.Finished && request == RunAction.Abort)
        {
            finalState = RunState.Aborted;
            reason = $"aborted: {requestReason}";
        }

        using (SimulationHold.Begin())
        {
            await _pipeline.FlushAsync(CancellationToken.None);
        }

        lock (_gate)
        {
            _hold = null;
            SetStateLocked(finalState, reason);
            _endReason = reason;
        }

        if (finalState != RunState.Halted)
        {
            await WriteJournalAsync("end", _time.GetUtcNow(), CancellationToken.None); // clean-up: the closing entry
        }

        using (SimulationHold.Begin())
        {
            await _ends.WriteAsync(new RunEndRecord(runId, channelId, UnixSeconds(_time.GetUtcNow()), finalState, RunEndRecord.ExitStatusOf(finalState), reason),
                CancellationToken.None);
        }

        LogRunEnded(_logger, runId, finalState, reason);
        _stateEvents.Drain();
    }

    /// <summary>A safety limit was breached: the cell goes to open circuit at once. Returns the run's end reason.</summary>
    private async Task<string> TripAsync(string runId, SafetyBreach breach)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["signal"] = breach.Signal,
            ["value"] = breach.Value.ToString("R", CultureInfo.InvariantCulture),
            ["limit"] = breach.Limit.ToString("R", CultureInfo.InvariantCulture),
        };
        try
        {
            await _channel.StopAsync(CancellationToken.None); // first: logging can wait, the cell cannot
            LogSafetyTrip(_logger, runId, _channel.ChannelId, breach.Message);
            RecordEvent("safety.trip", breach.Message, fields);
            return breach.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSafetyStopFailed(_logger, ex, runId, _channel.ChannelId, breach.Message);
            var message = $"{breach.Message}; stopping the channel failed: {ex.Message}";
            RecordEvent("safety.trip", message, fields);
            return message;
        }
    }
}
