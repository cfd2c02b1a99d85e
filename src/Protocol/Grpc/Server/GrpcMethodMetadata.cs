namespace OperandoRig.Protocol.Grpc.Server;

/// <summary>Endpoint metadata naming the service type and gRPC method an endpoint serves.</summary>
public sealed class GrpcMethodMetadata
{
    public GrpcMethodMetadata(Type serviceType, IMethod method)
    {
        ServiceType = serviceType ?? throw new ArgumentNullException(nameof(serviceType));
        Method = method ?? throw new ArgumentNullException(nameof(method));
    }

    public Type ServiceType { get; }

    public IMethod Method { get; }
}
