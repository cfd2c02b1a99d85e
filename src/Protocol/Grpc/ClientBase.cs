namespace OperandoRig.Protocol.Grpc;

/// <summary>Base of generated clients: holds the <see cref="Grpc.CallInvoker"/>.</summary>
public abstract class ClientBase
{
    protected ClientBase()
    {
        CallInvoker = UnimplementedCallInvoker.Instance;
    }

    protected ClientBase(ChannelBase channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        CallInvoker = channel.CreateCallInvoker();
    }

    protected ClientBase(CallInvoker callInvoker)
    {
        CallInvoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));
    }

    protected CallInvoker CallInvoker { get; }

    /// <summary>The invoker of a client built with the protected parameterless constructor (for mocking): every call fails.</summary>
    private sealed class UnimplementedCallInvoker : CallInvoker
    {
        public static readonly UnimplementedCallInvoker Instance = new();

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException("This client was created without a channel; override its methods to mock it.");

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException("This client was created without a channel; override its methods to mock it.");

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException("This client was created without a channel; override its methods to mock it.");
    }
}

/// <summary>Base of generated clients, typed by the client class (as in Grpc.Core).</summary>
public abstract class ClientBase<T> : ClientBase
    where T : ClientBase<T>
{
    protected ClientBase()
    {
    }

    protected ClientBase(ChannelBase channel)
        : base(channel)
    {
    }

    protected ClientBase(CallInvoker callInvoker)
        : base(callInvoker)
    {
    }
}
