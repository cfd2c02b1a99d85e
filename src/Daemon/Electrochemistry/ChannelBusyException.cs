namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>A protocol was submitted to a channel that is already running one (maps to FAILED_PRECONDITION).</summary>
public sealed class ChannelBusyException(string channelId, string runId)
    : InvalidOperationException($"channel {channelId} is running run {runId}; stop it before starting another protocol")
{
    /// <summary>The busy channel.</summary>
    public string ChannelId { get; } = channelId;
}
