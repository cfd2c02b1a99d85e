using System.Globalization;
using Microsoft.Extensions.Hosting;
using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Hosting;

/// <summary>
/// Prints every new stored sample of every channel to standard output, one line each (enabled with
/// <c>--print-samples</c>) from the given sequence number per channel: the visible heartbeat of a demo
/// or a bench-top run.
/// </summary>
public sealed class SampleConsoleReporter(RigRuntime rig, IReadOnlyDictionary<string, long> fromSeq, TextWriter output) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(fromSeq.Select(c => ReportAsync(c.Key, c.Value, stoppingToken)));

    /// <summary>One line per sample: channel, seq, simulated time, step, V, I, charge.</summary>
    public static string Format(SampleRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var t = DateTimeOffset.UnixEpoch.AddSeconds(s.TimeUnixS);
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.ChannelId} #{s.Seq,-6} {t:yyyy-MM-dd HH:mm:ss} cycle {s.Cycle} step {s.StepIndex} {s.StepLabel,-9} {s.VoltageV,8:F4} V {s.CurrentA * 1e3,9:F4} mA {s.ChargeAh * 1e3,9:F4} mAh");
    }

    private async Task ReportAsync(string channelId, long from, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var s in rig.Hub.SubscribeAsync(channelId, from, cancellationToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync(Format(s)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the daemon is stopping
        }
    }
}
