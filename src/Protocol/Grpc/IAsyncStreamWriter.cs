namespace OperandoRig.Protocol.Grpc;

/// <summary>Writes messages to a stream. Writes are serialised: one message is written at a time.</summary>
public interface IAsyncStreamWriter<in T>
{
    Task WriteAsync(T message);

    Task WriteAsync(T message, CancellationToken cancellationToken);
}

/// <summary>The response stream of a server-streaming or duplex call, as seen by the handler.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
