using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OperandoRig.Daemon.Api;

namespace OperandoRig.Daemon.Tests.Api;

/// <summary>The daemon's gRPC services on Kestrel, HTTP/2 only, on 127.0.0.1 and a port picked by the OS.</summary>
internal sealed class DaemonGrpcHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DaemonGrpcHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>host:port, as grpcio wants it.</summary>
    public string Target => $"{Address.Host}:{Address.Port}";

    public static async Task<DaemonGrpcHost> StartAsync(TimeProvider? daemonClock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenGrpc(IPAddress.Loopback, 0));
        if (daemonClock is not null)
        {
            builder.Services.AddSingleton(daemonClock);
        }

        builder.Services.AddDaemonGrpcApi();
        var app = builder.Build();
        app.MapDiagnosticsGrpcService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new DaemonGrpcHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
