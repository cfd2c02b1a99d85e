using Microsoft.Extensions.Logging;
using OperandoRig.Daemon.Data;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>Logging and event records of the runner.</summary>
public sealed partial class ChannelRunner
{
    /// <summary>Records an operator's (or interlock's) action as an event naming the action, reason and hold policy.</summary>
    private void RecordOperatorAction(string action, string reason, HoldPolicy? hold)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = action, ["reason"] = reason };
        if (hold is { } h)
        {
            fields["hold"] = h.ToString();
        }

        RecordEvent("operator." + action, hold is { } held ? $"{action} ({held}): {reason}" : $"{action}: {reason}", fields);
    }

    /// <summary>Records an event of this channel's run: logged, and stored in the channel's event stream (<c>&lt;channel&gt;/events</c>).</summary>
    private void RecordEvent(string kind, string message, IReadOnlyDictionary<string, string>? fields = null)
    {
        var runId = RunId;
        LogRunEvent(_logger, runId, ChannelId, kind, message);
        _pipeline.PublishEvent(EventRecord.Create(runId, EventRecord.ChannelStream(ChannelId), UnixSeconds(_time.GetUtcNow()), kind, message, fields));
    }

    /// <summary>Stores a state change in the channel's event stream as <c>state.changed</c> (from, to, reason).</summary>
    private void RecordStateChange(RunStateChangedEventArgs change) =>
        _pipeline.PublishEvent(EventRecord.Create(change.RunId, EventRecord.ChannelStream(change.ChannelId), change.TimeUnixS, "state.changed",
            $"{change.Previous} -> {change.Current}: {change.Reason}",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["from"] = change.Previous.ToString(),
                ["to"] = change.Current.ToString(),
                ["reason"] = change.Reason,
            }));

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
