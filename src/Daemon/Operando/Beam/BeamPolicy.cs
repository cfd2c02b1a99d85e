namespace OperandoRig.Daemon.Operando.Beam;

/// <summary>
/// How one beam is shared between cells that request scans. Requests are served one at a time, in
/// <see cref="Order"/>; a request that has waited longer than <see cref="MaxWaitS"/> goes before every request that has
/// not (the longest-waiting first), so no cell starves behind higher priorities.
/// </summary>
/// <param name="Order">First come first served, or by priority (higher first, ties first come).</param>
/// <param name="MaxWaitS">The wait after which a request is served next, s; null for no limit.</param>
public sealed record BeamPolicy(BeamOrder Order, double? MaxWaitS)
{
    /// <summary>First come first served, no maximum wait.</summary>
    public static BeamPolicy FirstComeFirstServed { get; } = new(BeamOrder.FirstComeFirstServed, null);

    /// <summary>The policy in words, for events.</summary>
    public string Describe() =>
        (Order == BeamOrder.Priority ? "priority, then first come" : "first come first served") +
        (MaxWaitS is { } w ? FormattableString.Invariant($", maximum wait {w:G6} s") : "");
}

/// <summary>The order waiting requests are served in.</summary>
public enum BeamOrder
{
    /// <summary>In the order they arrived.</summary>
    FirstComeFirstServed,
    /// <summary>Highest priority first; equal priorities in the order they arrived.</summary>
    Priority,
}
