using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Config;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Daemon.Operando.Plans;

if (args.Contains("--help") || args.Contains("-h"))
{
    await Console.Out.WriteLineAsync(DaemonOptions.Usage).ConfigureAwait(false);
    return 0;
}

DaemonOptions options;
try
{
    options = DaemonOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"operando-rigd: {ex.Message}\n{DaemonOptions.Usage}").ConfigureAwait(false);
    return 2;
}

try
{
    await using var app = await DaemonHost.BuildAsync(options, CancellationToken.None).ConfigureAwait(false);
    await app.StartAsync().ConfigureAwait(false);
    await Console.Out.WriteLineAsync($"operando-rigd: gRPC on {DaemonHost.GetListenAddress(app)}; Ctrl+C stops (runs end cleanly, data is kept)").ConfigureAwait(false);
    await app.WaitForShutdownAsync().ConfigureAwait(false);
    return app.Services.GetService<OperandoHostedService>()?.ExitCode ?? 0;
}
catch (Exception ex) when (ex is RigConfigException or ProtocolException or OperandoPlanException or ScanPlanException)
{
    await Console.Error.WriteLineAsync($"operando-rigd: {ex.Message}").ConfigureAwait(false);
    return 2;
}
