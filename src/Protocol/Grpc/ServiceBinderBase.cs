namespace OperandoRig.Protocol.Grpc;

/// <summary>
/// Receives a service's methods from its generated <c>BindService</c>. A handler is null when the
/// binder resolves the service instance per call (as the server does).
/// </summary>
public abstract class ServiceBinderBase
{
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class
        => throw new NotSupportedException($"{GetType().Name} does not support unary methods ({method?.FullName}).");

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class
        => throw new NotSupportedException($"{GetType().Name} does not support server-streaming methods ({method?.FullName}).");

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class
        => throw new NotSupportedException($"{GetType().Name} does not support client-streaming methods ({method?.FullName}).");

    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class
        => throw new NotSupportedException($"{GetType().Name} does not support duplex-streaming methods ({method?.FullName}).");
}
