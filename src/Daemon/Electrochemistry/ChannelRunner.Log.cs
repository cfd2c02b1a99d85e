using Microsoft.Extensions.Logging;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>Logging and event records of the runner.</summary>
public sealed partial class ChannelRunner
{
    /// <summary>Records an operator's (or interlock's) action as an event naming the action, reason and hold policy.</summary>
    private void RecordOperatorAction(string action, string reason, HoldPolicy? hold) =>
        RecordEvent("operator." + action, hold is { } h ? $"{action} ({h}): {reason}" : $"{action}: {reason}");

    /// <summary>Records an event of this channel's run (until the event store lands: the log).</summary>
    private void RecordEvent(string kind, string message, IReadOnlyDictionary<string, string>? fields = null)
    {
        _ = fields;
        LogRunEvent(_logger, RunId, ChannelId, kind, message);
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Run {RunId} started on {ChannelId}: protocol '{Protocol}', {StepCount} steps")]
    private static partial void LogRunStarted(ILogger logger, string runId, string channelId, string protocol, int stepCount);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Run {RunId}: step {StepIndex} ({Label}) started after {Reason}")]
    private static partial void LogStepStarted(ILogger logger, string runId, int stepIndex, string label, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Run {RunId} ended: {State} ({Reason})")]
    private static partial void LogRunEnded(ILogger logger, string runId, RunState state, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Error, Message = "Run {RunId} on {ChannelId}: {Breach}; the cell was stopped")]
    private static partial void LogSafetyTrip(ILogger logger, string runId, string channelId, string breach);

    [LoggerMessage(EventId = 205, Level = LogLevel.Critical, Message = "Run {RunId} on {ChannelId}: {Breach}; the cell could not be stopped")]
    private static partial void LogSafetyStopFailed(ILogger logger, Exception exception, string runId, string channelId, string breach);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "Run {RunId} on {ChannelId}: {Previous} -> {Current} ({Reason})")]
    private static partial void LogStateChanged(ILogger logger, string runId, string channelId, RunState previous, RunState current, string reason);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "A StateChanged handler of {ChannelId} failed on {State}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string channelId, RunState state);

    [LoggerMessage(EventId = 208, Level = LogLevel.Critical, Message = "Run {RunId} on {ChannelId}: halt could not stop the channel; the runner let go of it")]
    private static partial void LogHaltStopFailed(ILogger logger, Exception exception, string runId, string channelId);

    [LoggerMessage(EventId = 209, Level = LogLevel.Information, Message = "Run {RunId} on {ChannelId}: event {Kind}: {Message}")]
    private static partial void LogRunEvent(ILogger logger, string runId, string channelId, string kind, string message);
}
