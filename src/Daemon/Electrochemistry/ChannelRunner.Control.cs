using System.Globalization;
using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>Operator and interlock control of a run: pause, suspend, resume, stop, abort, halt.</summary>
public sealed partial class ChannelRunner
{
    /// <summary>
    /// Running → Pausing → Paused: the channel holds the cell by <paramref name="hold"/> (open circuit, hold voltage,
    /// keep current) until <see cref="ResumeAsync"/>. A pause is a state, not an error; the safety limits still
    /// apply to every sample. Throws <see cref="InvalidRunStateException"/> when not Running, and
    /// <see cref="ArgumentException"/> naming the hold policy when the channel does not support it. If the device
    /// refuses, the run stays Running and the device's exception propagates. Asked for between two segments of a
    /// protocol (no step list is running), the pause stays Pausing until the record pump starts the next segment and
    /// holds it at once (or the run ends).
    /// </summary>
    public Task PauseAsync(HoldPolicy hold, string reason, CancellationToken cancellationToken) =>
        HoldAsync(RunAction.Pause, RunState.Pausing, RunState.Paused, hold, reason, cancellationToken);

    /// <summary>
    /// Running → Suspended by an interlock (e.g. beam lost, temperature): the cell is held by <paramref name="hold"/>
    /// until <see cref="ResumeAsync"/>. Same rules as <see cref="PauseAsync"/>.
    /// </summary>
    public Task SuspendAsync(HoldPolicy hold, string reason, CancellationToken cancellationToken) =>
        HoldAsync(RunAction.Suspend, RunState.Suspended, RunState.Suspended, hold, reason, cancellationToken);

    /// <summary>
    /// Paused or Suspended → Running: the step continues where it was held (its step time did not run during the
    /// hold). Throws <see cref="InvalidRunStateException"/> in any other state.
    /// </summary>
    public async Task ResumeAsync(string reason, CancellationToken cancellationToken)
    {
        bool onDevice;
        lock (_gate)
        {
            ThrowUnlessAllowed(RunAction.Resume);
            onDevice = _holdOnDevice;
        }

        RecordOperatorAction("resume", reason, null);
        if (onDevice)
        {
            try
            {
                await _channel.ResumeAsync(cancellationToken);
            }
            catch (InvalidDeviceStateException) when (_channel.State != ChannelState.Paused)
            {
                // the held segment ended meanwhile (stopped by an emulated condition): the next one starts unheld
            }
        }

        lock (_gate)
        {
            if (_state is RunState.Paused or RunState.Suspended)
            {
                _hold = null;
                _holdOnDevice = false;
                SetStateLocked(RunState.Running, $"resumed: {reason}");
            }
        }

        _stateEvents.Drain();
        await WriteJournalAsync("state", _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Stops the present run (the cell goes to open circuit) and waits until its data is stored; it ends Finished.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => StopAsync("stop requested", cancellationToken);

    /// <summary>
    /// Running, Pausing, Paused or Suspended → Stopping → Finished (clean, success): the cell goes to open circuit,
    /// the run's last samples, cycle summary and journal entry are stored, then this returns. Throws
    /// <see cref="InvalidRunStateException"/> in any other state.
    /// </summary>
    public Task StopAsync(string reason, CancellationToken cancellationToken) =>
        EndAsync(RunAction.Stop, RunState.Stopping, reason, cancellationToken);

    /// <summary>
    /// Running, Pausing, Paused or Suspended → Aborting → Aborted (clean, failure): as <see cref="StopAsync(string, CancellationToken)"/>,
    /// but the run is recorded as failed.
    /// </summary>
    public Task AbortAsync(string reason, CancellationToken cancellationToken) =>
        EndAsync(RunAction.Abort, RunState.Aborting, reason, cancellationToken);

    /// <summary>
    /// Any active state → Halted, without clean-up: the cell is put at open circuit at once, no partial cycle summary
    /// or closing journal entry is written (the journal keeps the last step transition, from which a run can be
    /// continued), and if the device does not answer the runner lets go of it anyway. Samples already received are
    /// stored. Throws <see cref="InvalidRunStateException"/> when no run is active.
    /// </summary>
    public async Task HaltAsync(string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowUnlessAllowed(RunAction.Halt);
            _endRequest = RunAction.Halt;
            _endRequestReason = reason;
        }

        RecordOperatorAction("halt", reason, null);
        try
        {
            await _channel.StopAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHaltStopFailed(_logger, ex, RunId, ChannelId);
            await _haltRead.CancelAsync(); // the device does not answer: stop reading it
        }

        await Completion.WaitAsync(cancellationToken);
    }

    private async Task HoldAsync(RunAction action, RunState during, RunState after, HoldPolicy hold, string reason, CancellationToken cancellationToken)
    {
        if (!_channel.Capabilities.HoldPolicies.Contains(hold))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"hold: {hold} is not supported by channel {ChannelId}; supported: {string.Join(", ", _channel.Capabilities.HoldPolicies)}"), nameof(hold));
        }

        lock (_gate)
        {
            ThrowUnlessAllowed(action);
            _hold = hold;
            SetStateLocked(during, $"{action.ToString().ToLowerInvariant()} ({hold}): {reason}");
        }

        _stateEvents.Drain();
        RecordOperatorAction(action.ToString().ToLowerInvariant(), reason, hold);
        var pending = false;
        try
        {
            await _channel.PauseAsync(hold, cancellationToken);
        }
        catch (InvalidDeviceStateException) when (_channel.State is not (ChannelState.Running or ChannelState.Paused) && !Completion.IsCompleted)
        {
            pending = true; // between two segments: the record pump holds the next one as it starts (or the run ends)
        }
        catch
        {
            lock (_gate)
            {
                if (_state == during)
                {
                    _hold = null;
                    SetStateLocked(RunState.Running, $"{action.ToString().ToLowerInvariant()} failed; the run goes on");
                }
            }

            _stateEvents.Drain();
            throw;
        }

        lock (_gate)
        {
            if (_state == during && !pending)
            {
                _holdOnDevice = _channel.State == ChannelState.Paused;
                if (during != after && _holdOnDevice)
                {
                    SetStateLocked(after, $"held by {hold}: {reason}");
                }
            }
        }

        _stateEvents.Drain();
        await WriteJournalAsync("state", _time.GetUtcNow(), cancellationToken);
    }

    private async Task EndAsync(RunAction action, RunState during, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowUnlessAllowed(action);
            _endRequest = action;
            _endRequestReason = reason;
            SetStateLocked(during, reason);
        }

        _stateEvents.Drain();
        RecordOperatorAction(action.ToString().ToLowerInvariant(), reason, null);
        await _channel.StopAsync(cancellationToken);
        await Completion.WaitAsync(cancellationToken);
    }

    private void ThrowUnlessAllowed(RunAction action)
    {
        if (!RunStates.AllowedFrom(action).Contains(_state))
        {
            throw new InvalidRunStateException(ChannelId, action, _state);
        }
    }
}
