using System.Globalization;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Analytics;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>The record pump: every record of the channel, in order, from the start of a run to its end state.</summary>
public sealed partial class ChannelRunner
{
    private async Task PumpAsync(string runId)
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
                            var stored = _pipeline.Publish(new SampleRecord(
                                0, runId, channelId, UnixSeconds(s.Timestamp),
                                s.VoltageV, s.CurrentA, s.TotalChargeAh, s.StepIndex, _steps[s.StepIndex].Label, s.Cycle, s.StepTimeS));
                            lock (_gate)
                            {
                                _counters.Add(AnalyzerSample.From(stored));
                                _lastSample = stored;
                            }
                        }

                        break;
                    case ImpedancePoint z:
                        // A few points per second at most: stored directly, off the acquisition path (the channel buffers).
                        using (SimulationHold.Begin())
                        {
                            await _store.AppendImpedanceAsync(
                                [new ImpedanceRecord(runId, channelId, z.StepIndex, UnixSeconds(z.Timestamp), z.FrequencyHz, z.RealOhm, z.ImaginaryOhm)],
                                CancellationToken.None);
                        }

                        break;
                    case StepTransition t:
                        LogStepStarted(_logger, runId, t.StepIndex, _steps[t.StepIndex].Label, t.Reason);
                        lock (_gate)
                        {
                            _counters.BeginStep(t.StepIndex, _steps[t.StepIndex].Cycle);
                        }

                        await WriteJournalAsync("step", t.Timestamp, CancellationToken.None);
                        break;
                    case ChannelFinished f:
                        finalState = f.FinalState == ChannelState.Faulted ? RunState.Faulted : RunState.Finished;
                        reason = f.Reason;
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
