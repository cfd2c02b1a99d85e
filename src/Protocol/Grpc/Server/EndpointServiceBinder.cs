using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace OperandoRig.Protocol.Grpc.Server;

/// <summary>
/// Receives a service's methods from its generated <c>BindService</c> (called with a null service instance) and maps
/// each one to a POST endpoint at its full name. The instance is resolved per call, and the method to invoke is
/// the service type's override of the base-class method of the same name.
/// </summary>
internal sealed class EndpointServiceBinder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] TService> : ServiceBinderBase
    where TService : class
{
    private readonly IEndpointRouteBuilder _endpoints;
    private readonly GrpcWireOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public EndpointServiceBinder(IEndpointRouteBuilder endpoints, GrpcWireOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _endpoints = endpoints;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public List<IEndpointConventionBuilder> Endpoints { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        var invoke = FindMethod(method, typeof(TRequest), typeof(ServerCallContext))
            .CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
        Map(method, async (service, request, context, writer) =>
        {
            var response = await invoke(service, request, context).ConfigureAwait(false)
                ?? throw new RpcException(new Status(StatusCode.Internal, "No message returned from method."));
            await writer.WriteAsync(response).ConfigureAwait(false);
        });
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        var invoke = FindMethod(method, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext))
            .CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>();
        Map(method, (service, request, context, writer) => invoke(service, request, writer, context));
    }

    private static MethodInfo FindMethod(IMethod method, params Type[] parameterTypes) =>
        typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameterTypes)
        ?? throw new InvalidOperationException($"{typeof(TService).FullName} has no public method {method.Name}({string.Join(", ", parameterTypes.Select(t => t.Name))}) for gRPC method '{method.FullName}'.");

    private void Map<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TService, TRequest, HttpServerCallContext, HttpResponseStreamWriter<TResponse>, Task> invoker)
        where TRequest : class
        where TResponse : class
    {
        var handler = new ServerCallHandler<TService, TRequest, TResponse>(method, invoker, _options, _timeProvider, _logger);
        var endpoint = _endpoints.MapPost(method.FullName, (RequestDelegate)handler.HandleCallAsync)
            .WithDisplayName($"gRPC - {method.FullName}")
            .WithMetadata(new GrpcMethodMetadata(typeof(TService), method));
        Endpoints.Add(endpoint);
    }
}
