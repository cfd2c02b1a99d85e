namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>
/// An action was asked for in a state that does not allow it, e.g. resume while Running (maps to FAILED_PRECONDITION).
/// The message names the channel, the action, the present state and the states that would allow it.
/// </summary>
public sealed class InvalidRunStateException(string channelId, RunAction action, RunState state)
    : InvalidOperationException(
        $"channel {channelId}: cannot {action.ToString().ToLowerInvariant()} while {state}; allowed while {string.Join(" or ", RunStates.AllowedFrom(action))}")
{
    /// <summary>The channel asked.</summary>
    public string ChannelId { get; } = channelId;

    /// <summary>What was asked for.</summary>
    public RunAction Action { get; } = action;

    /// <summary>The state the runner was in.</summary>
    public RunState State { get; } = state;
}
