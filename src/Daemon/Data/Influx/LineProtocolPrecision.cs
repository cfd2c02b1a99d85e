namespace OperandoRig.Daemon.Data.Influx;

/// <summary>The unit of line-protocol timestamps; always sent explicitly as the request's <c>precision</c>.</summary>
public enum LineProtocolPrecision
{
    /// <summary>Nanoseconds (<c>ns</c>), the servers' default.</summary>
    Nanoseconds,

    /// <summary>Microseconds (<c>us</c>).</summary>
    Microseconds,

    /// <summary>Milliseconds (<c>ms</c>).</summary>
    Milliseconds,

    /// <summary>Seconds (<c>s</c>).</summary>
    Seconds,
}

/// <summary>Converts Unix times to line-protocol timestamps.</summary>
public static class LineProtocolPrecisionExtensions
{
    /// <summary>The value of the write API's <c>precision</c> query parameter: <c>ns</c>, <c>us</c>, <c>ms</c> or <c>s</c>.</summary>
    public static string ToQueryValue(this LineProtocolPrecision precision) => precision switch
    {
        LineProtocolPrecision.Nanoseconds => "ns",
        LineProtocolPrecision.Microseconds => "us",
        LineProtocolPrecision.Milliseconds => "ms",
        LineProtocolPrecision.Seconds => "s",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>Units of <paramref name="precision"/> per second.</summary>
    public static long UnitsPerSecond(this LineProtocolPrecision precision) => precision switch
    {
        LineProtocolPrecision.Nanoseconds => 1_000_000_000,
        LineProtocolPrecision.Microseconds => 1_000_000,
        LineProtocolPrecision.Milliseconds => 1_000,
        LineProtocolPrecision.Seconds => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };

    /// <summary>
    /// Converts Unix seconds (as stored, a double) to an integer timestamp in <paramref name="precision"/>, rounding
    /// the fraction to the nearest unit. Whole seconds and fraction are converted separately, so the result is the
    /// unit nearest to the stored double (a plain <c>t * 1e9</c> would be off by up to 128 ns today).
    /// </summary>
    /// <returns><see langword="false"/> when <paramref name="unixSeconds"/> is not finite or the result overflows 64 bits.</returns>
    public static bool TryToTimestamp(this LineProtocolPrecision precision, double unixSeconds, out long timestamp)
    {
        timestamp = 0;
        var units = precision.UnitsPerSecond();
        if (!double.IsFinite(unixSeconds) || Math.Abs(unixSeconds) >= (double)long.MaxValue / units - 1)
        {
            return false;
        }

        var whole = Math.Floor(unixSeconds);
        var fraction = unixSeconds - whole; // exact: Sterbenz
        try
        {
            timestamp = checked(((long)whole * units) + (long)Math.Round(fraction * units, MidpointRounding.AwayFromZero));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
