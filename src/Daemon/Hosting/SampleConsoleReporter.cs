using System.Globalization;
using Microsoft.Extensions.Hosting;
using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Hosting;

/// <summary>
/// Prints every new stored sample of every channel to standard output, one line each (enabled with
/// <c>--print-samples</c>): the visible heartbeat of a demo or a bench-top run.
/// </summary>
public sealed class SampleConsoleReporter(RigRuntime rig, TextWriter output) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tasks = new List<Task>();
        foreach (var runner in rig.Runners)
        {
            var channelId = runner.Channel.ChannelId;
            var from = await rig.Store.GetLastSeqAsync(channelId, stoppingToken).ConfigureAwait(false) + 1;
            tasks.Add(ReportAsync(channelId, from, stoppingToken));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

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
