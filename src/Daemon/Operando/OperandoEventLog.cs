using Microsoft.Extensions.Logging;

namespace OperandoRig.Daemon.Operando;

/// <summary>
/// Keeps every operando event of the process in memory (for the API and for tests), logs it, and hands it on to the
/// durable sink when there is one. Thread-safe.
/// </summary>
public sealed partial class OperandoEventLog(ILogger<OperandoEventLog>? logger = null, IOperandoEventSink? next = null) : IOperandoEventSink
{
    private readonly Lock _gate = new();
    private readonly List<OperandoEvent> _events = [];

    /// <summary>A copy of the events so far, in order.</summary>
    public IReadOnlyList<OperandoEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The events of one kind, in order.</summary>
    public IReadOnlyList<OperandoEvent> OfKind(string kind) => [.. Events.Where(e => e.Kind == kind)];

    /// <inheritdoc />
    public void Publish(OperandoEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_gate)
        {
            _events.Add(e);
        }

        if (logger is not null)
        {
            LogEvent(logger, e.Kind, e.RunId, e.Message);
        }

        next?.Publish(e);
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "{Kind} [{RunId}] {Message}")]
    private static partial void LogEvent(ILogger logger, string kind, string runId, string message);
}
