namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>The quantity a termination watches.</summary>
public enum TerminationQuantity
{
    /// <summary>Terminal voltage, V.</summary>
    VoltageV,
    /// <summary>Current, A (signed: positive charges).</summary>
    CurrentA,
    /// <summary>Magnitude of the current, A (for CV holds: "until C/50").</summary>
    AbsCurrentA,
    /// <summary>Time since the step started, s.</summary>
    StepTimeS,
    /// <summary>Magnitude of the charge passed in the step, Ah.</summary>
    StepCapacityAh,
    /// <summary>Rate of change of the voltage, V/s (magnitude).</summary>
    AbsVoltageSlopeVPerS,
}

/// <summary>Which side of the threshold ends the step.</summary>
public enum TerminationComparison
{
    /// <summary>Ends when the quantity is at or above the threshold.</summary>
    AtOrAbove,
    /// <summary>Ends when the quantity is at or below the threshold.</summary>
    AtOrBelow,
}

/// <summary>A condition that ends a step, e.g. voltage at or above 4.25 V.</summary>
public sealed record Termination(TerminationQuantity Quantity, TerminationComparison Comparison, double Threshold)
{
    /// <summary>Ends the step after <paramref name="seconds"/> seconds.</summary>
    public static Termination AfterSeconds(double seconds) =>
        new(TerminationQuantity.StepTimeS, TerminationComparison.AtOrAbove, seconds);

    /// <summary>True when <paramref name="value"/> meets the condition.</summary>
    public bool IsMetBy(double value) => Comparison == TerminationComparison.AtOrAbove ? value >= Threshold : value <= Threshold;

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Quantity} {(Comparison == TerminationComparison.AtOrAbove ? ">=" : "<=")} {Threshold:G6}");
}
