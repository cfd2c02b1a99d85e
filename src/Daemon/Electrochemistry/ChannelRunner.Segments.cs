using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>Moving from one segment of the protocol to the next: load, start, and the holds asked for in between.</summary>
public sealed partial class ChannelRunner
{
    /// <summary>
    /// The cursor handed out <paramref name="segment"/>: its first step starts (counters, journal), the channel loads and
    /// starts it, then a stop, abort or halt asked for meanwhile stops it again, and a pause or suspension asked for
    /// while no segment ran holds it. Returns null, or why the segment could not start.
    /// </summary>
    private async Task<string?> StartSegmentAsync(string runId, ProtocolSegment segment, int stepBase)
    {
        var first = segment.Steps[0].Step;
        lock (_gate)
        {
            _segment = segment;
            _stepBase = stepBase;
            _counters.BeginStep(stepBase, first.Cycle);
        }

        LogStepStarted(_logger, runId, stepBase, first.Label, $"segment {segment.Number}");
        await WriteJournalAsync("step", _time.GetUtcNow(), CancellationToken.None);
        try
        {
            await _channel.LoadAsync(segment.ChannelSteps, CancellationToken.None);
            await _channel.StartAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"starting segment {segment.Number} (step {stepBase} '{first.Label}') failed: {ex.Message}";
        }

        if (EndRequested())
        {
            await _channel.StopAsync(CancellationToken.None); // the stop's final record ends the run
            return null;
        }

        await ApplyPendingHoldAsync();
        return null;
    }

    /// <summary>True once stop, abort or halt was asked for.</summary>
    private bool EndRequested()
    {
        lock (_gate)
        {
            return _endRequest is not null;
        }
    }

    /// <summary>A pause or suspension asked for while no segment ran: the channel now holds the new segment's first step.</summary>
    private async Task ApplyPendingHoldAsync()
    {
        HoldPolicy hold;
        lock (_gate)
        {
            if (_hold is not { } h || _holdOnDevice || _state is not (RunState.Pausing or RunState.Paused or RunState.Suspended))
            {
                return;
            }

            hold = h;
        }

        try
        {
            await _channel.PauseAsync(hold, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lock (_gate)
            {
                if (_state is RunState.Pausing or RunState.Paused or RunState.Suspended)
                {
                    _hold = null;
                    SetStateLocked(RunState.Running, $"the hold ({hold}) could not be applied to the next segment; the run goes on: {ex.Message}");
                }
            }

            _stateEvents.Drain();
            return;
        }

        bool resumedMeanwhile;
        lock (_gate)
        {
            resumedMeanwhile = _state is not (RunState.Pausing or RunState.Paused or RunState.Suspended);
            if (!resumedMeanwhile)
            {
                _holdOnDevice = _channel.State == ChannelState.Paused;
                if (_state == RunState.Pausing && _holdOnDevice)
                {
                    SetStateLocked(RunState.Paused, $"held by {hold} from the start of the next step");
                }
            }
        }

        _stateEvents.Drain();
        if (resumedMeanwhile)
        {
            if (_channel.State == ChannelState.Paused && !EndRequested())
            {
                await _channel.ResumeAsync(CancellationToken.None); // resumed while the hold was being applied
            }

            return;
        }

        await WriteJournalAsync("state", _time.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>Records the cursor's new control decisions (loop ends, gotos taken, group limits) as run events.</summary>
    private void LogDecisions(RunProgram program)
    {
        foreach (var decision in program.NewDecisions())
        {
            RecordEvent("protocol.decision", decision);
        }
    }
}
