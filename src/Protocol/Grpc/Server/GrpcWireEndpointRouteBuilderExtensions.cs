using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OperandoRig.Protocol.Grpc.Server;

public static class GrpcWireEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of a gRPC service to a POST endpoint <c>/{package.Service}/{Method}</c>. The service type
    /// derives from a generated base class carrying <see cref="BindServiceMethodAttribute"/>; each call gets the
    /// instance registered in DI, or a new instance built by <see cref="ActivatorUtilities"/> (and disposed after).
    /// Needs <see cref="GrpcWireServiceCollectionExtensions.AddGrpcWire"/>.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetService<IOptions<GrpcWireOptions>>()?.Value
            ?? throw new InvalidOperationException("Call services.AddGrpcWire() before MapGrpcService<T>().");
        options.Validate();
        var timeProvider = options.TimeProvider ?? services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("OperandoRig.Protocol.Grpc.Server");

        var attribute = typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true)
            ?? throw new InvalidOperationException($"{typeof(TService).FullName} does not derive from a generated service base class with [BindServiceMethod].");
        var bindMethod = attribute.BindType
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .SingleOrDefault(m => m.Name == attribute.BindMethodName
                && m.GetParameters() is { Length: 2 } p
                && p[0].ParameterType == typeof(ServiceBinderBase)
                && p[1].ParameterType.IsAssignableFrom(typeof(TService)))
            ?? throw new InvalidOperationException($"{attribute.BindType.FullName}.{attribute.BindMethodName}(ServiceBinderBase, base of {typeof(TService).Name}) was not found.");

        var binder = new EndpointServiceBinder<TService>(endpoints, options, timeProvider, logger);
        bindMethod.Invoke(null, [binder, null]);
        return new GrpcServiceEndpointConventionBuilder(binder.Endpoints);
    }
}
