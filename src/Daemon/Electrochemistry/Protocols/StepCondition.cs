using System.Globalization;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>How a <see cref="StepCondition"/>'s threshold is known.</summary>
public enum StepConditionKind
{
    /// <summary>A plain termination (voltage, current, step time, step capacity, dV/dt) with a fixed threshold.</summary>
    Fixed,

    /// <summary>
    /// The cycle's capacity in the step's direction reaches <see cref="Termination.Threshold"/> Ah
    /// (<c>cycle capacity &gt;= 1 mAh</c>): at the step's start the daemon turns it into a step-capacity limit
    /// of the part still missing, which the device then evaluates.
    /// </summary>
    CycleCapacity,

    /// <summary>
    /// The step's capacity reaches a fraction (<see cref="Termination.Threshold"/>, e.g. 0.8) of the capacity
    /// cycle <see cref="StepCondition.ReferenceCycle"/> passed in the same direction (<c>capacity &gt;= 80 % of cycle 1</c>):
    /// resolved to Ah at the step's start, then evaluated on the device.
    /// </summary>
    FractionOfCycle,
}

/// <summary>
/// One condition that ends a step, as written. <see cref="Kind"/> <see cref="StepConditionKind.Fixed"/> is a
/// device <see cref="Termination"/> as is; the other kinds become one when the step starts (see
/// <see cref="ProtocolCursor"/>).
/// </summary>
/// <param name="Kind">How the threshold is known.</param>
/// <param name="Termination">The termination (for the computed kinds: the quantity, comparison and raw threshold).</param>
/// <param name="Text">The condition as the protocol wrote it (for reports).</param>
/// <param name="ReferenceCycle">For <see cref="StepConditionKind.FractionOfCycle"/>: the 1-based cycle referred to.</param>
public sealed record StepCondition(StepConditionKind Kind, Termination Termination, string Text, int ReferenceCycle = 0)
{
    /// <summary>A fixed termination.</summary>
    public static StepCondition Of(Termination termination, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(termination);
        return new StepCondition(StepConditionKind.Fixed, termination, text ?? Describe(termination));
    }

    /// <summary>A termination in words with units, e.g. <c>voltage &gt;= 4.25 V</c>.</summary>
    public static string Describe(Termination t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var op = t.Comparison == TerminationComparison.AtOrAbove ? ">=" : "<=";
        return t.Quantity switch
        {
            TerminationQuantity.VoltageV => Invariant($"voltage {op} {t.Threshold:G6} V"),
            TerminationQuantity.CurrentA => Invariant($"current (signed) {op} {t.Threshold * 1e3:G6} mA"),
            TerminationQuantity.AbsCurrentA => Invariant($"|current| {op} {t.Threshold * 1e3:G6} mA"),
            TerminationQuantity.StepTimeS => Invariant($"step time {op} {t.Threshold:G6} s"),
            TerminationQuantity.StepCapacityAh => Invariant($"step capacity {op} {t.Threshold * 1e3:G6} mAh"),
            TerminationQuantity.AbsVoltageSlopeVPerS => Invariant($"|dV/dt| {op} {t.Threshold * 6e4:G6} mV/min"),
            _ => t.ToString(),
        };
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
