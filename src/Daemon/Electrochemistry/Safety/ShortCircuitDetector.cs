using System.Globalization;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Safety;

/// <summary>
/// Watches consecutive samples of a run for the signature of a short (see <see cref="ShortCircuitLimits"/>): a
/// voltage collapsed towards 0 V under current, or a voltage falling (in magnitude) faster than the allowed rate
/// while the current holds steady (same step, same sign, within 5 %). Stateful: one per run.
/// </summary>
public sealed class ShortCircuitDetector(ShortCircuitLimits limits)
{
    private const double SteadyCurrentTolerance = 0.05;
    private ChannelSample? _previous;

    /// <summary>The limits watched.</summary>
    public ShortCircuitLimits Limits { get; } = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>Null when <paramref name="sample"/> shows no short; otherwise the breach naming signal and value.</summary>
    public SafetyBreach? Check(ChannelSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!double.IsFinite(sample.VoltageV) || !double.IsFinite(sample.CurrentA))
        {
            return null; // the monitor reports non-finite readings
        }

        var previous = _previous;
        _previous = sample;
        var i = sample.CurrentA;
        if (Math.Abs(i) < Limits.MinAbsCurrentA)
        {
            return null;
        }

        if (Limits.CollapseBelowV is { } floor && Math.Abs(sample.VoltageV) < floor)
        {
            return new SafetyBreach("short_circuit", sample.VoltageV, floor, Invariant(
                $"safety: short circuit: voltage {sample.VoltageV:G6} V collapsed below ±{floor:G6} V while {i:G6} A flowed"));
        }

        if (Limits.MaxDropRateVPerS is not { } maxRate || previous is null || previous.StepIndex != sample.StepIndex
            || Math.Abs(previous.CurrentA - i) > SteadyCurrentTolerance * Math.Abs(i) || !double.IsFinite(previous.VoltageV))
        {
            return null;
        }

        var dt = (sample.Timestamp - previous.Timestamp).TotalSeconds;
        if (!(dt > 0))
        {
            return null;
        }

        // A fall of |V| (towards 0 V, whatever the polarity) at a steady current.
        var dropRate = (Math.Abs(previous.VoltageV) - Math.Abs(sample.VoltageV)) / dt;
        return dropRate > maxRate
            ? new SafetyBreach("short_circuit", dropRate, maxRate, Invariant(
                $"safety: short circuit: voltage fell {dropRate * 1e3:G6} mV/s (from {previous.VoltageV:G6} V to {sample.VoltageV:G6} V in {dt:G6} s) at a steady {i:G6} A; the limit is {maxRate * 1e3:G6} mV/s"))
            : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
