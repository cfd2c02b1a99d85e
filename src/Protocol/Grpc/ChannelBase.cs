namespace OperandoRig.Protocol.Grpc;

/// <summary>A connection to a gRPC server that generated clients are built on.</summary>
public abstract class ChannelBase
{
    protected ChannelBase(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        Target = target;
    }

    /// <summary>The server address the channel was created for.</summary>
    public string Target { get; }

    public abstract CallInvoker CreateCallInvoker();
}
