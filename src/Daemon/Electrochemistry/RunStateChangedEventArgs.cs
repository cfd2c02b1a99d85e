namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>A channel runner changed state (raised in order, outside the runner's lock).</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="RunId">The run the change belongs to.</param>
/// <param name="Previous">The state before.</param>
/// <param name="Current">The state now.</param>
/// <param name="Reason">Why, in words (an operator's reason, a safety trip naming signal and value, "completed", ...).</param>
/// <param name="TimeUnixS">When, on the daemon clock (Unix seconds).</param>
public sealed class RunStateChangedEventArgs(string ChannelId, string RunId, RunState Previous, RunState Current, string Reason, double TimeUnixS)
    : EventArgs
{
    /// <summary>The channel.</summary>
    public string ChannelId { get; } = ChannelId;

    /// <summary>The run the change belongs to.</summary>
    public string RunId { get; } = RunId;

    /// <summary>The state before.</summary>
    public RunState Previous { get; } = Previous;

    /// <summary>The state now.</summary>
    public RunState Current { get; } = Current;

    /// <summary>Why, in words.</summary>
    public string Reason { get; } = Reason;

    /// <summary>When, on the daemon clock (Unix seconds).</summary>
    public double TimeUnixS { get; } = TimeUnixS;

    /// <inheritdoc />
    public override string ToString() => $"{ChannelId} {RunId}: {Previous} -> {Current} ({Reason})";
}
