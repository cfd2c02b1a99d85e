using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OperandoRig.Daemon.Hosting;

/// <summary>
/// Starts the configured autostart protocols when the daemon starts and stops every run cleanly (cell
/// to open circuit, data flushed to the store) when it stops.
/// </summary>
public sealed partial class RigHostedService(RigRuntime rig, ILogger<RigHostedService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogRigReady(logger, rig.Config.Name, rig.Runners.Count, rig.Store.Path);
        foreach (var start in rig.Config.Autostart)
        {
            var yaml = await File.ReadAllTextAsync(start.ProtocolPath, cancellationToken).ConfigureAwait(false);
            var runId = await rig.StartProtocolAsync(start.ChannelId, yaml, Path.GetFileName(start.ProtocolPath), cancellationToken).ConfigureAwait(false);
            LogAutostarted(logger, Path.GetFileName(start.ProtocolPath), start.ChannelId, runId);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await rig.DisposeAsync().ConfigureAwait(false);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Rig '{Rig}' ready: {Channels} channel(s), store {StorePath}")]
    private static partial void LogRigReady(ILogger logger, string rig, int channels, string storePath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Autostarted {Protocol} on {ChannelId} as run {RunId}")]
    private static partial void LogAutostarted(ILogger logger, string protocol, string channelId, string runId);
}
