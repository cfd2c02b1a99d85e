using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using OperandoRig.Daemon.Api;
using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Config;
using OperandoRig.Daemon.Data.Influx;
using OperandoRig.Daemon.Operando.Plans;
using OperandoRig.Daemon.Operando.Sync;
using OperandoRig.Protocol.Grpc.Server;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Hosting;

/// <summary>Builds the daemon: rig from the config, clock, store, gRPC on Kestrel (HTTP/2, loopback by default).</summary>
public static class DaemonHost
{
    /// <summary>Builds (does not start) the daemon's web application; what it prints goes to <paramref name="output"/> (standard output when null).</summary>
    public static async Task<WebApplication> BuildAsync(DaemonOptions options, CancellationToken cancellationToken, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        output ??= Console.Out;
        var config = RigConfigLoader.Load(options.ConfigPath);
        if (options.DataDirectory is { } dir)
        {
            config = config with { DataDirectory = Path.GetFullPath(dir) };
        }

        if (options.Listen is { } listen)
        {
            config = config with { ListenEndpoint = listen };
        }

        if (options.NoAutostart)
        {
            config = config with { Autostart = [] };
        }

        var speed = options.Speed ?? config.Clock.Speed;
        if (options.Speed is not null && !config.Clock.Simulated)
        {
            throw new RigConfigException($"--speed: {speed} needs the simulated clock; the rig file's clock.mode is system");
        }

        TimeProvider time = config.Clock.Simulated
            ? new ScaledTimeProvider(speed, TimeProvider.System.GetUtcNow())
            : TimeProvider.System;
        var (address, port) = ParseEndpoint(config.ListenEndpoint);

        // One logger factory for the rig (built before the host) and the host; the container owns it.
        var loggers = LoggerFactory.Create(l => l
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            })
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            // With --operando the progress lines name each scan, hold and resume: the runner's and scan runner's own
            // information lines would drown them (warnings and errors still show).
            .AddFilter("OperandoRig.Daemon.Beamline", options.OperandoPlanPath is null ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("OperandoRig.Daemon.Electrochemistry", options.OperandoPlanPath is null ? LogLevel.Information : LogLevel.Warning));
        RigRuntime rig;
        try
        {
            rig = await RigRuntime.CreateAsync(config, time, loggers, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            loggers.Dispose();
            throw;
        }

        OperandoPlan? operando = null;
        BeamlineScanExecutor? operandoScans = null;
        if (options.OperandoPlanPath is { } planPath)
        {
            try
            {
                operando = File.Exists(planPath)
                    ? OperandoPlanParser.Load(planPath)
                    : throw new RigConfigException($"--operando: '{planPath}' does not exist");
                operandoScans = OperandoHostedService.Prepare(operando, rig);
            }
            catch
            {
                await rig.DisposeAsync().ConfigureAwait(false);
                loggers.Dispose();
                throw;
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => loggers);
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(address, port));
        builder.Services.AddSingleton(time);
        builder.Services.AddDaemonGrpcApi();
        builder.Services.AddSingleton(rig);
        builder.Services.AddSingleton(new SyncPointHub(time));
        if (options.PrintSamples && operando is null)
        {
            // Registered before the rig starts its autostart runs, from the first sample not yet stored.
            var from = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var c in config.Channels)
            {
                from[c.Id] = await rig.Store.GetLastSeqAsync(c.Id, cancellationToken).ConfigureAwait(false) + 1;
            }

            builder.Services.AddHostedService(sp => new SampleConsoleReporter(sp.GetRequiredService<RigRuntime>(), from, output));
        }

        builder.Services.AddHostedService<RigHostedService>();
        if (operando is not null)
        {
            // After the rig's service: it starts after the rig is ready and stops before the rig is disposed.
            builder.Services.AddSingleton(sp => new OperandoHostedService(sp.GetRequiredService<RigRuntime>(), operando, operandoScans!,
                sp.GetRequiredService<SyncPointHub>(), output, options.ExitWhenDone, sp.GetRequiredService<IHostApplicationLifetime>(), loggers));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OperandoHostedService>());
        }
        if (config.Influx is { } influx)
        {
            // Back-off and polling of the replica are real-world waits, whatever clock the rig runs on.
            builder.Services.AddSingleton(_ => new InfluxForwarder(influx, rig.Store.Path, TimeProvider.System, loggers.CreateLogger<InfluxForwarder>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<InfluxForwarder>());
        }

        var app = builder.Build();
        app.MapDiagnosticsGrpcService();
        app.MapGrpcService<RigService>();
        app.MapGrpcService<AnalyticsService>();
        app.MapGrpcService<DataService>();
        app.MapGrpcService<OperandoService>();
        return app;
    }

    /// <summary>The address the started application listens on, e.g. <c>http://127.0.0.1:50051</c>.</summary>
    public static string GetListenAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the daemon is not listening yet; start it first");
    }

    private static (IPAddress Address, int Port) ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var host = endpoint[..colon].Trim('[', ']');
        var port = int.Parse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : throw new RigConfigException($"listen: '{endpoint}': '{host}' is not an IP address (use 127.0.0.1 for loopback)");
        return (address, port);
    }
}
