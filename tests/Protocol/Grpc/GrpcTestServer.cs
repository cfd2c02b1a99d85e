using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.Grpc.Server;

namespace OperandoRig.Protocol.Tests.Grpc;

/// <summary>Kestrel on 127.0.0.1, a port picked by the OS, HTTP/2 only, serving the test service.</summary>
internal sealed class GrpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcTestServer(WebApplication app, Uri address, TestProbe probe)
    {
        _app = app;
        Address = address;
        Probe = probe;
    }

    public Uri Address { get; }

    public TestProbe Probe { get; }

    public static async Task<GrpcTestServer> StartAsync(Action<GrpcWireOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        var probe = new TestProbe();
        builder.Services.AddSingleton(probe);
        builder.Services.AddGrpcWire(configure);
        var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new GrpcTestServer(app, new Uri(address), probe);
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    /// <summary>A raw HTTP/2 client for protocol-level checks.</summary>
    public static HttpClient CreateRawHttpClient() => new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
