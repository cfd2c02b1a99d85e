using System.Globalization;
using OperandoRig.Daemon.Operando;

namespace OperandoRig.Daemon.Hosting;

/// <summary>
/// Prints each operando event as one line on standard output (enabled with <c>--operando</c>): the simulated time and
/// the event's sentence, e.g. <c>2026-11-22 14:03:11 operando.scan     ch1: scan … 169 points, SOC 20 %, edge 8334.12 eV</c>.
/// Beam requests, releases and grants without a wait are left out (they say nothing with one cell); they are stored.
/// </summary>
public sealed class OperandoConsoleReporter(TextWriter output) : IOperandoEventSink
{
    /// <inheritdoc />
    public void Publish(OperandoEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind is "beam.request" or "beam.release" || (e.Kind == "beam.grant" && e.Fields.TryGetValue("waited_s", out var w) && w == "0"))
        {
            return;
        }

        output.WriteLine(Format(e));
    }

    /// <summary>One line: simulated time, kind, sentence.</summary>
    public static string Format(OperandoEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var t = DateTimeOffset.UnixEpoch.AddSeconds(e.TimeUnixS);
        return string.Create(CultureInfo.InvariantCulture, $"{t:yyyy-MM-dd HH:mm:ss} {e.Kind,-17} {e.Message}");
    }
}

/// <summary>Hands each operando event to several sinks in order.</summary>
public sealed class OperandoEventFanOut(IReadOnlyList<IOperandoEventSink> sinks) : IOperandoEventSink
{
    /// <inheritdoc />
    public void Publish(OperandoEvent e)
    {
        foreach (var s in sinks)
        {
            s.Publish(e);
        }
    }
}
