using System.Runtime.CompilerServices;

namespace OperandoRig.Protocol.Grpc;

public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads every remaining message of the stream as an async enumerable.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> streamReader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamReader);
        while (await streamReader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return streamReader.Current;
        }
    }
}
