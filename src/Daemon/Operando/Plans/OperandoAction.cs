using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Operando.Plans;

/// <summary>One thing the engine does when a trigger fires.</summary>
public abstract record OperandoAction
{
    /// <summary>The action in words.</summary>
    public abstract string Describe();
}

/// <summary>Hold the cell by <paramref name="Policy"/> (the protocol pauses).</summary>
/// <param name="Policy">Open circuit, hold voltage or keep current.</param>
public sealed record HoldAction(HoldPolicy Policy) : OperandoAction
{
    /// <inheritdoc />
    public override string Describe() => $"hold ({Policy})";
}

/// <summary>
/// Let the held cell settle: for <see cref="FixedS"/>, or until |dV/dt| over <see cref="WindowS"/> is below
/// <see cref="MaxRateVPerS"/>, giving up after <see cref="MaxS"/>.
/// </summary>
/// <param name="FixedS">A fixed time, s; null when settling on dV/dt.</param>
/// <param name="MaxRateVPerS">The |dV/dt| threshold, V/s; null for a fixed time.</param>
/// <param name="WindowS">The window dV/dt is measured over, s.</param>
/// <param name="MaxS">The longest settle, s.</param>
public sealed record SettleAction(double? FixedS, double? MaxRateVPerS, double WindowS, double MaxS) : OperandoAction
{
    /// <inheritdoc />
    public override string Describe() => FixedS is { } f
        ? FormattableString.Invariant($"settle {f:G6} s")
        : FormattableString.Invariant($"settle until |dV/dt| < {MaxRateVPerS * 6e4:G4} mV/min over {WindowS:G4} s (at most {MaxS:G6} s)");
}

/// <summary>Run the scan plan <paramref name="Plan"/> at each of <paramref name="Spots"/>, in order, on one grant of the beam.</summary>
/// <param name="Plan">The scan plan's name.</param>
/// <param name="Spots">Spots; empty for the cell's spots.</param>
public sealed record ScanAction(string Plan, IReadOnlyList<string> Spots) : OperandoAction
{
    /// <inheritdoc />
    public override string Describe() => $"scan {Plan}" + (Spots.Count == 0 ? "" : $" at {string.Join(", ", Spots)}");
}

/// <summary>Let the protocol go on.</summary>
public sealed record ResumeAction : OperandoAction
{
    /// <inheritdoc />
    public override string Describe() => "resume";
}

/// <summary>
/// Publish a sync point for an external beamline script (the cell stays held), and wait for its acknowledgement for
/// <paramref name="TimeoutS"/>; then <paramref name="OnTimeout"/>.
/// </summary>
/// <param name="Label">What the script is expected to do, e.g. <c>tomography</c>.</param>
/// <param name="TimeoutS">How long to wait for the acknowledgement, s.</param>
/// <param name="OnTimeout">What to do when it does not come.</param>
/// <param name="Hold">How the cell is held meanwhile, if no hold action came before.</param>
public sealed record SyncAction(string Label, double TimeoutS, SyncFallback OnTimeout, HoldPolicy Hold) : OperandoAction
{
    /// <inheritdoc />
    public override string Describe() => FormattableString.Invariant($"sync '{Label}' (timeout {TimeoutS:G6} s, then {OnTimeout})");
}

/// <summary>What happens when a sync point is not acknowledged in time.</summary>
public enum SyncFallback
{
    /// <summary>Go on with the plan (the protocol resumes).</summary>
    Resume,
    /// <summary>Abort the run (the cell goes to open circuit).</summary>
    Abort,
    /// <summary>Keep the cell held and keep waiting for the acknowledgement.</summary>
    KeepHolding,
}
