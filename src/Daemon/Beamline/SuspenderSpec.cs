using System.Globalization;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// A condition that suspends a scan at its next safe point (bluesky's suspenders): it trips on one threshold and clears
/// on another (hysteresis), and after it clears the scan waits <see cref="SettleS"/> more (during which it must stay
/// clear) before it measures again. A point whose count a suspender interrupted is measured again.
/// </summary>
/// <param name="SettleS">Time the condition must stay clear before the scan resumes, s.</param>
public abstract record SuspenderSpec(double SettleS)
{
    /// <summary>The signals (names in <see cref="SignalNames"/>) it reads.</summary>
    public abstract IReadOnlyList<string> Signals { get; }

    /// <summary>Why it trips on <paramref name="values"/> (a sentence naming the signal, its value and the limit), or null.</summary>
    public abstract string? Trips(IReadOnlyDictionary<string, double> values);

    /// <summary>True when <paramref name="values"/> are good enough to resume (the resume threshold, not the suspend one).</summary>
    public abstract bool Clears(IReadOnlyDictionary<string, double> values);

    /// <summary>Formats with the invariant culture.</summary>
    protected static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Ring current floor: suspends below <see cref="SuspendBelowMa"/>, or when the facility delivers no beam, and
/// resumes once the current is at or above <see cref="ResumeAtMa"/> with beam delivered.</summary>
/// <param name="SuspendBelowMa">Suspend when the ring current falls below this, mA.</param>
/// <param name="ResumeAtMa">Resume when it is back at or above this, mA (≥ the suspend threshold).</param>
/// <param name="SettleS">Time after recovery before measuring again, s.</param>
public sealed record RingCurrentSuspender(double SuspendBelowMa, double ResumeAtMa, double SettleS) : SuspenderSpec(SettleS)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Signals { get; } = [SignalNames.RingCurrent, SignalNames.BeamAvailable];

    /// <inheritdoc />
    public override string? Trips(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double current = values[SignalNames.RingCurrent];
        if (values[SignalNames.BeamAvailable] < 0.5)
        {
            return Format($"ring delivers no beam ({SignalNames.RingCurrent} = {current:F1} mA)");
        }

        return current < SuspendBelowMa
            ? Format($"{SignalNames.RingCurrent} = {current:F1} mA fell below {SuspendBelowMa:G6} mA and resumes at {ResumeAtMa:G6} mA")
            : null;
    }

    /// <inheritdoc />
    public override bool Clears(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values[SignalNames.BeamAvailable] >= 0.5 && values[SignalNames.RingCurrent] >= ResumeAtMa;
    }
}

/// <summary>The shutter is closed: suspends; when <see cref="OpenOnResume"/>, the runner reopens it once every other
/// suspender is clear (an interlocked shutter stays closed after a refill until it is opened).</summary>
/// <param name="SettleS">Time after the shutter is open again before measuring, s.</param>
/// <param name="OpenOnResume">True to open the shutter when the beam is back.</param>
public sealed record ShutterSuspender(double SettleS, bool OpenOnResume) : SuspenderSpec(SettleS)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Signals { get; } = [SignalNames.ShutterOpen];

    /// <inheritdoc />
    public override string? Trips(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values[SignalNames.ShutterOpen] < 0.5 ? $"{SignalNames.ShutterOpen} = false: the shutter is closed" : null;
    }

    /// <inheritdoc />
    public override bool Clears(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values[SignalNames.ShutterOpen] >= 0.5;
    }
}

/// <summary>Any signal out of a band: suspends outside [<see cref="Min"/>, <see cref="Max"/>] and resumes inside
/// [<see cref="ResumeMin"/>, <see cref="ResumeMax"/>] (a band within the suspend band).</summary>
/// <param name="Signal">The signal's name (e.g. <c>hutch.temperature</c>).</param>
/// <param name="Unit">Its unit, for messages.</param>
/// <param name="Min">Suspend below this.</param>
/// <param name="Max">Suspend above this.</param>
/// <param name="ResumeMin">Resume at or above this (≥ <see cref="Min"/>).</param>
/// <param name="ResumeMax">Resume at or below this (≤ <see cref="Max"/>).</param>
/// <param name="SettleS">Time after recovery before measuring again, s.</param>
public sealed record BandSuspender(string Signal, string Unit, double Min, double Max, double ResumeMin, double ResumeMax, double SettleS)
    : SuspenderSpec(SettleS)
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Signals => [Signal];

    /// <inheritdoc />
    public override string? Trips(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double v = values[Signal];
        return v < Min || v > Max || double.IsNaN(v)
            ? Format($"{Signal} = {v:G6} {Unit} is outside [{Min:G6}, {Max:G6}] {Unit} and resumes within [{ResumeMin:G6}, {ResumeMax:G6}] {Unit}")
            : null;
    }

    /// <inheritdoc />
    public override bool Clears(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double v = values[Signal];
        return v >= ResumeMin && v <= ResumeMax;
    }
}

/// <summary>Names of the signals the runner reads from the beamline devices.</summary>
public static class SignalNames
{
    /// <summary>Ring current, mA.</summary>
    public const string RingCurrent = "ring.current";

    /// <summary>1 when the facility delivers beam, else 0.</summary>
    public const string BeamAvailable = "ring.beam";

    /// <summary>1 when the shutter is open, else 0.</summary>
    public const string ShutterOpen = "shutter.open";
}
