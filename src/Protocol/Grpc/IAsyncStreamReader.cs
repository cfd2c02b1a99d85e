namespace OperandoRig.Protocol.Grpc;

/// <summary>Reads messages from a stream, one at a time.</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false at the end of the stream. Cancelling the token cancels the call.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}
