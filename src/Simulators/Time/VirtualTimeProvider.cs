namespace OperandoRig.Simulators.Time;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock only moves when told to: by <see cref="Advance"/> /
/// <see cref="AdvanceTo"/> (manual control, e.g. in unit tests), by <see cref="AdvanceToNextTimer"/>, or by a
/// <see cref="SimulationLoop"/> that jumps to the next due timer whenever the simulation has nothing else to do.
/// </summary>
/// <remarks>
/// <para>Works with everything in the BCL that takes a <see cref="TimeProvider"/>:
/// <c>Task.Delay(delay, provider, cancellationToken)</c>, <c>new PeriodicTimer(period, provider)</c>,
/// <c>task.WaitAsync(timeout, provider, cancellationToken)</c> and <c>new CancellationTokenSource(delay, provider)</c>.</para>
/// <para>Timers fire strictly in due-time order, ties in creation order. <see cref="GetUtcNow"/> equals each timer's
/// due time while its callback runs, so a periodic timer fires once per elapsed period. Callbacks run synchronously
/// on the thread that moves the clock, outside the internal lock, in the execution context captured when the
/// timer was created. A timer due now (zero due time) fires on the next advance, even <c>Advance(TimeSpan.Zero)</c>;
/// never inside <see cref="CreateTimer"/> or <see cref="ITimer.Change"/>.</para>
/// <para>All members are thread-safe. The local time zone is UTC.</para>
/// </remarks>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly SortedSet<VirtualTimer> _schedule = new(VirtualTimerOrder.Instance);
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _createdTimers;
    private int _attachedLoops;

    /// <summary>Creates a clock that starts at <see cref="DefaultStart"/>.</summary>
    public VirtualTimeProvider()
        : this(DefaultStart)
    {
    }

    /// <summary>Creates a clock that starts at <paramref name="start"/> (converted to UTC).</summary>
    /// <param name="start">The virtual instant <see cref="GetUtcNow"/> returns until the clock is advanced.</param>
    public VirtualTimeProvider(DateTimeOffset start)
    {
        _start = start.ToUniversalTime();
        _now = _start;
    }

    /// <summary>The default start instant, 2026-01-01T00:00:00Z.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The instant the clock started at.</summary>
    public DateTimeOffset Start => _start;

    /// <summary>The due time of the earliest scheduled timer, or <see langword="null"/> when none is scheduled.</summary>
    public DateTimeOffset? NextDueTime
    {
        get
        {
            lock (_gate)
            {
                return _schedule.Count == 0 ? null : _schedule.Min!.Due;
            }
        }
    }

    /// <summary>How many timers are currently armed.</summary>
    public int ScheduledTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _schedule.Count;
            }
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Raised (outside the lock) whenever a timer is armed, so a waiting loop can wake up.</summary>
    internal event Action? TimerArmed;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Returns the virtual time elapsed since <see cref="Start"/>, in ticks of <see cref="TimestampFrequency"/>.</summary>
    /// <returns>A timestamp consistent with <see cref="GetUtcNow"/>.</returns>
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return (_now - _start).Ticks;
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        TimerArguments.Validate(dueTime, period);
        var timer = new VirtualTimer(this, callback, state, Interlocked.Increment(ref _createdTimers));
        Schedule(timer, dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    /// <param name="delta">How far to move; must not be negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        FireUntil(target);
    }

    /// <summary>Moves the clock forward to <paramref name="target"/>, firing every timer due at or before it in
    /// due-time order (ties in creation order), with the clock set to each timer's due time as it fires.</summary>
    /// <param name="target">The instant to move to; must not be earlier than now.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is in the virtual past.</exception>
    public void AdvanceTo(DateTimeOffset target)
    {
        lock (_gate)
        {
            if (target < _now)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(target), target, $"Virtual time only moves forward; it is already {_now:O}.");
            }
        }

        FireUntil(target);
    }

    /// <summary>Jumps to the earliest scheduled timer and fires it (only that one).</summary>
    /// <returns><see langword="true"/> if a timer fired; <see langword="false"/> if none is scheduled.</returns>
    public bool AdvanceToNextTimer() => TryFireNext(limit: null);

    /// <summary>Arms or re-arms <paramref name="timer"/>; returns false if it was disposed.</summary>
    internal bool Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            if (timer.IsDisposed)
            {
                return false;
            }

            Unschedule(timer);
            timer.Period = TimerArguments.IsPeriodic(period) ? period : TimeSpan.Zero;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            timer.Due = _now + dueTime;
            timer.IsScheduled = _schedule.Add(timer);
        }

        TimerArmed?.Invoke();
        return true;
    }

    /// <summary>Disarms and disposes <paramref name="timer"/>.</summary>
    internal void Remove(VirtualTimer timer)
    {
        lock (_gate)
        {
            timer.IsDisposed = true;
            Unschedule(timer);
        }
    }

    /// <summary>Marks a <see cref="SimulationLoop"/> as driving this clock; only one may at a time.</summary>
    internal void AttachLoop()
    {
        if (Interlocked.CompareExchange(ref _attachedLoops, 1, 0) != 0)
        {
            throw new InvalidOperationException("Another simulation loop is already driving this virtual clock.");
        }
    }

    /// <summary>Releases the mark set by <see cref="AttachLoop"/>.</summary>
    internal void DetachLoop() => Volatile.Write(ref _attachedLoops, 0);

    private void FireUntil(DateTimeOffset target)
    {
        while (TryFireNext(target))
        {
        }
    }

    private bool TryFireNext(DateTimeOffset? limit)
    {
        VirtualTimer timer;
        lock (_gate)
        {
            if (_schedule.Count == 0 || (limit is { } cap && _schedule.Min!.Due > cap))
            {
                if (limit is { } end && end > _now)
                {
                    _now = end;
                }

                return false;
            }

            timer = _schedule.Min!;
            Unschedule(timer);
            if (timer.Due > _now)
            {
                _now = timer.Due;
            }

            if (timer.Period > TimeSpan.Zero && DateTimeOffset.MaxValue - timer.Due > timer.Period)
            {
                timer.Due += timer.Period;
                timer.IsScheduled = _schedule.Add(timer);
            }
        }

        timer.Invoke();
        return true;
    }

    private void Unschedule(VirtualTimer timer)
    {
        if (timer.IsScheduled)
        {
            _schedule.Remove(timer);
            timer.IsScheduled = false;
        }
    }
}
