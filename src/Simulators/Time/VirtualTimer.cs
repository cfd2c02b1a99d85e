namespace OperandoRig.Simulators.Time;

/// <summary>
/// A timer on a <see cref="VirtualTimeProvider"/>. Its schedule (due time, period) is owned and guarded by the
/// provider; this class only carries the callback and forwards <see cref="Change"/> and disposal.
/// </summary>
internal sealed class VirtualTimer : ITimer
{
    private readonly VirtualTimeProvider _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly ExecutionContext? _executionContext;

    internal VirtualTimer(VirtualTimeProvider clock, TimerCallback callback, object? state, long sequence)
    {
        _clock = clock;
        _callback = callback;
        _state = state;
        _executionContext = ExecutionContext.Capture();
        Sequence = sequence;
    }

    /// <summary>Creation order; breaks ties between timers due at the same instant.</summary>
    internal long Sequence { get; }

    /// <summary>Next virtual instant the timer fires at. Guarded by the provider's lock.</summary>
    internal DateTimeOffset Due { get; set; }

    /// <summary>Repeat interval, or zero for a one-shot timer. Guarded by the provider's lock.</summary>
    internal TimeSpan Period { get; set; }

    /// <summary>True while the timer is in the provider's schedule. Guarded by the provider's lock.</summary>
    internal bool IsScheduled { get; set; }

    /// <summary>True once disposed. Guarded by the provider's lock.</summary>
    internal bool IsDisposed { get; set; }

    /// <inheritdoc />
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        TimerArguments.Validate(dueTime, period);
        return _clock.Schedule(this, dueTime, period);
    }

    /// <inheritdoc />
    public void Dispose() => _clock.Remove(this);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the callback in the execution context captured when the timer was created.</summary>
    internal void Invoke()
    {
        if (_executionContext is null)
        {
            _callback(_state);
            return;
        }

        ExecutionContext.Run(_executionContext, static s => ((VirtualTimer)s!)._callback(((VirtualTimer)s)._state), this);
    }
}
