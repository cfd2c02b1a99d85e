namespace OperandoRig.Simulators.Time;

/// <summary>
/// Simulated time that runs at <see cref="Speed"/> times the pace of a base <see cref="TimeProvider"/> (by default
/// the system clock), starting at <see cref="Epoch"/> when the provider is created. Timers are real timers on the
/// base provider with their due times and periods divided by the speed, so a simulated rig runs visibly faster
/// than real time (e.g. 60×) while still being driven by real timers.
/// </summary>
/// <remarks>
/// A timer never fires before its simulated due time: if the base timer fires early (clock granularity) it is
/// re-armed for the remainder. Periodic timers are drift-free in simulated time; ticks missed because callbacks ran
/// late are skipped, not bunched. Simulated time is a double-precision product of real elapsed time and the speed,
/// exact to well under a microsecond for runs of months.
/// </remarks>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly long _baseStart;

    /// <summary>Creates a scaled clock that reads <paramref name="epoch"/> now and then runs <paramref name="speed"/>
    /// times faster than <paramref name="baseProvider"/>.</summary>
    /// <param name="speed">Simulated seconds per real second; finite and greater than zero.</param>
    /// <param name="epoch">The simulated instant at creation (converted to UTC).</param>
    /// <param name="baseProvider">The real clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speed"/> is not finite and positive.</exception>
    public ScaledTimeProvider(double speed, DateTimeOffset epoch, TimeProvider? baseProvider = null)
    {
        if (!double.IsFinite(speed) || speed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be finite and greater than zero.");
        }

        Speed = speed;
        Epoch = epoch.ToUniversalTime();
        BaseProvider = baseProvider ?? System;
        _baseStart = BaseProvider.GetTimestamp();
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; }

    /// <summary>The simulated instant at which this provider was created.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary>The clock that drives this one.</summary>
    public TimeProvider BaseProvider { get; }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => BaseProvider.LocalTimeZone;

    /// <summary>Simulated time elapsed since <see cref="Epoch"/>.</summary>
    internal TimeSpan Elapsed => TimeSpan.FromTicks((long)(BaseProvider.GetElapsedTime(_baseStart).Ticks * Speed));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Epoch + Elapsed;

    /// <summary>Returns the simulated time elapsed since <see cref="Epoch"/>, in ticks of <see cref="TimestampFrequency"/>.</summary>
    /// <returns>A timestamp consistent with <see cref="GetUtcNow"/>.</returns>
    public override long GetTimestamp() => Elapsed.Ticks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        TimerArguments.Validate(dueTime, period);
        var timer = new ScaledTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Converts a simulated interval to real time, rounded up to a whole millisecond (the resolution of
    /// real timers) and capped at the longest timer due time.</summary>
    internal TimeSpan ToReal(TimeSpan simulated)
    {
        if (simulated <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        double milliseconds = Math.Ceiling(simulated.TotalMilliseconds / Speed);
        return milliseconds >= TimerArguments.Maximum.TotalMilliseconds
            ? TimerArguments.Maximum
            : TimeSpan.FromMilliseconds(milliseconds);
    }
}
