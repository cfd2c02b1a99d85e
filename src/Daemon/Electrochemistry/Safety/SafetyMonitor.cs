using System.Globalization;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Safety;

/// <summary>
/// Checks samples against a channel's <see cref="SafetyLimits"/>. Pure: it says what is wrong, the
/// <see cref="ChannelRunner"/> acts on it (stops the channel and ends the run as faulted).
/// </summary>
public sealed class SafetyMonitor
{
    /// <summary>Creates a monitor for <paramref name="limits"/>.</summary>
    public SafetyMonitor(SafetyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
    }

    /// <summary>The limits checked.</summary>
    public SafetyLimits Limits { get; }

    /// <summary>The longest silence allowed, or null when there is no watchdog.</summary>
    public TimeSpan? MaxSilence => Limits.MaxSilenceS is { } s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>
    /// Null when <paramref name="sample"/> is within the limits; otherwise why not, naming the signal,
    /// the value and the limit, e.g. <c>safety: voltage 4.31 V above the channel limit 4.3 V</c>.
    /// </summary>
    public string? Check(ChannelSample sample) => Evaluate(sample)?.Message;

    /// <summary>Null when <paramref name="sample"/> is within the limits; otherwise the breach: signal, value, limit and sentence.</summary>
    public SafetyBreach? Evaluate(ChannelSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var v = sample.VoltageV;
        var i = sample.CurrentA;
        if (!double.IsFinite(v))
        {
            return new SafetyBreach("voltage", v, double.NaN, Invariant($"safety: voltage reading {v} is not a finite number"));
        }

        if (!double.IsFinite(i))
        {
            return new SafetyBreach("current", i, double.NaN, Invariant($"safety: current reading {i} is not a finite number"));
        }

        if (Outside("voltage", v, Limits.VoltageV, "V") is { } voltage)
        {
            return voltage;
        }

        if (Math.Abs(i) > Limits.MaxAbsCurrentA)
        {
            return new SafetyBreach("current", i, Limits.MaxAbsCurrentA, Invariant($"safety: current {i:G6} A beyond the channel limit ±{Limits.MaxAbsCurrentA:G6} A"));
        }

        return Limits.TemperatureC is { } window ? EvaluateTemperature(sample.TemperatureC, window) : null;
    }

    private static SafetyBreach? EvaluateTemperature(double t, ValueRange window) => double.IsFinite(t)
        ? Outside("temperature", t, window, "°C")
        : new SafetyBreach("temperature", t, double.NaN,
            Invariant($"safety: temperature reading {t} is not a finite number (the channel has a temperature limit {window.Min:G6}..{window.Max:G6} °C)"));

    /// <summary>The breach of a finite reading above or below its window, naming signal, value, limit and unit; else null.</summary>
    private static SafetyBreach? Outside(string signal, double value, ValueRange window, string unit) =>
        value > window.Max ? new SafetyBreach(signal, value, window.Max, Invariant($"safety: {signal} {value:G6} {unit} above the channel limit {window.Max:G6} {unit}"))
        : value < window.Min ? new SafetyBreach(signal, value, window.Min, Invariant($"safety: {signal} {value:G6} {unit} below the channel limit {window.Min:G6} {unit}"))
        : null;

    /// <summary>The breach of a channel silent for longer than <see cref="SafetyLimits.MaxSilenceS"/>.</summary>
    public SafetyBreach SilenceBreach() => new("silence", Limits.MaxSilenceS ?? double.NaN, Limits.MaxSilenceS ?? double.NaN, SilenceReason());

    /// <summary>Why a run ends when the channel stayed silent for longer than <see cref="SafetyLimits.MaxSilenceS"/>.</summary>
    public string SilenceReason() =>
        Invariant($"safety: no sample from the channel for {Limits.MaxSilenceS:G6} s, the channel limit max_silence {Limits.MaxSilenceS:G6} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
