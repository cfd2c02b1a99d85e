namespace OperandoRig.Simulators.Time;

/// <summary>
/// A timer of a <see cref="ScaledTimeProvider"/>: one real one-shot timer on the base provider, re-armed after each
/// firing for the next simulated due time, so it never fires early and periodic timers do not drift.
/// </summary>
internal sealed class ScaledTimer : ITimer
{
    private readonly Lock _gate = new();
    private readonly ScaledTimeProvider _owner;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly ITimer _inner;
    private TimeSpan? _due;
    private TimeSpan _period;
    private bool _disposed;

    internal ScaledTimer(ScaledTimeProvider owner, TimerCallback callback, object? state)
    {
        _owner = owner;
        _callback = callback;
        _state = state;
        _inner = owner.BaseProvider.CreateTimer(
            static s => ((ScaledTimer)s!).OnInnerFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        TimerArguments.Validate(dueTime, period);
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _period = TimerArguments.IsPeriodic(period) ? period : TimeSpan.Zero;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _due = null;
                return _inner.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            _due = _owner.Elapsed + dueTime;
            return _inner.Change(_owner.ToReal(dueTime), Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        MarkDisposed();
        _inner.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        MarkDisposed();
        return _inner.DisposeAsync();
    }

    private void MarkDisposed()
    {
        lock (_gate)
        {
            _disposed = true;
            _due = null;
        }
    }

    private void OnInnerFired()
    {
        lock (_gate)
        {
            if (_disposed || _due is not { } due)
            {
                return;
            }

            TimeSpan now = _owner.Elapsed;
            if (now < due)
            {
                _inner.Change(_owner.ToReal(due - now), Timeout.InfiniteTimeSpan);
                return;
            }

            if (_period > TimeSpan.Zero)
            {
                long missed = (now - due).Ticks / _period.Ticks;
                TimeSpan next = due + (_period * (missed + 1));
                _due = next;
                _inner.Change(_owner.ToReal(next - now), Timeout.InfiniteTimeSpan);
            }
            else
            {
                _due = null;
            }
        }

        _callback(_state);
    }
}
