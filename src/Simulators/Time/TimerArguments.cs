namespace OperandoRig.Simulators.Time;

/// <summary>Validation shared by the simulated timers, matching the limits of <see cref="System.Threading.Timer"/>.</summary>
internal static class TimerArguments
{
    /// <summary>The longest due time or period a timer accepts (4294967294 ms, about 49.7 days).</summary>
    internal static readonly TimeSpan Maximum = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>Throws when <paramref name="dueTime"/> or <paramref name="period"/> is negative (other than
    /// <see cref="Timeout.InfiniteTimeSpan"/>) or longer than <see cref="Maximum"/>.</summary>
    internal static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        Check(dueTime, nameof(dueTime));
        Check(period, nameof(period));
    }

    /// <summary>True when <paramref name="period"/> makes a timer fire repeatedly (not zero, not infinite).</summary>
    internal static bool IsPeriodic(TimeSpan period) => period > TimeSpan.Zero;

    private static void Check(TimeSpan value, string name)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        if (value < TimeSpan.Zero || value > Maximum)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"Must be between 0 and {Maximum}, or Timeout.InfiniteTimeSpan.");
        }
    }
}
