using Microsoft.Extensions.Logging;

namespace OperandoRig.Daemon.Beamline;

/// <summary>Writes scan events to the log (until the event pipeline of contract A is on main).</summary>
/// <param name="logger">Log.</param>
public sealed partial class LoggingScanEventSink(ILogger<LoggingScanEventSink> logger) : IScanEventSink
{
    /// <inheritdoc />
    public void Publish(ScanEvent scanEvent)
    {
        ArgumentNullException.ThrowIfNull(scanEvent);
        LogEvent(logger, scanEvent.ScanId, scanEvent.Kind, scanEvent.Message);
    }

    [LoggerMessage(EventId = 661, Level = LogLevel.Information, Message = "beamline/events {ScanId} {Kind}: {Message}")]
    private static partial void LogEvent(ILogger logger, string scanId, string kind, string message);
}
