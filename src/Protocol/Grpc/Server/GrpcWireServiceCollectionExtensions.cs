using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OperandoRig.Protocol.Grpc.Server;

public static class GrpcWireServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <see cref="GrpcWireEndpointRouteBuilderExtensions.MapGrpcService{TService}"/> needs: routing,
    /// <see cref="GrpcWireOptions"/> and a <see cref="TimeProvider"/> (the system clock unless one is already registered).
    /// </summary>
    public static IServiceCollection AddGrpcWire(this IServiceCollection services, Action<GrpcWireOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddLogging();
        var options = services.AddOptions<GrpcWireOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
