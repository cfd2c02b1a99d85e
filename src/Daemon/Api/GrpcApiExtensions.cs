using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using OperandoRig.Protocol.Grpc.Server;

namespace OperandoRig.Daemon.Api;

/// <summary>Hosting of the daemon's gRPC API on Kestrel (HTTP/2 without TLS, prior knowledge).</summary>
internal static class GrpcApiExtensions
{
    /// <summary>
    /// Registers the gRPC wire layer and what the Diagnostics service needs. Deadlines (<c>grpc-timeout</c>) are
    /// measured on the system clock: the daemon's DI clock may be a simulated one running faster than real time,
    /// while a client's timeout is a real-time budget. Services still wait on the daemon clock.
    /// </summary>
    public static IServiceCollection AddDaemonGrpcApi(this IServiceCollection services, Action<GrpcWireOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpcWire(options =>
        {
            options.TimeProvider = TimeProvider.System;
            configure?.Invoke(options);
        });
        services.AddSingleton<DiagnosticsStats>();
        return services;
    }

    /// <summary>Maps the Diagnostics service (one instance per call).</summary>
    public static GrpcServiceEndpointConventionBuilder MapDiagnosticsGrpcService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<DiagnosticsService>();

    /// <summary>Listens for gRPC (HTTP/2 only, cleartext) on an address and port; port 0 picks a free port.</summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions kestrel, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        return kestrel;
    }
}
