using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace OperandoRig.Protocol.Grpc.Internal;

/// <summary>
/// Length-prefixed messages: 1 byte compressed flag (0 or 1), 4 bytes big-endian length, then the message.
/// </summary>
internal static class GrpcFraming
{
    public const int HeaderSize = 5;

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>One uncompressed framed message.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var framed = new byte[HeaderSize + message.Length];
        WriteHeader(framed, compressed: false, message.Length);
        message.CopyTo(framed.AsSpan(HeaderSize));
        return framed;
    }

    /// <summary>Writes one uncompressed framed message to a pipe (without flushing).</summary>
    public static void WriteMessage(PipeWriter writer, ReadOnlySpan<byte> message)
    {
        var span = writer.GetSpan(HeaderSize + message.Length);
        WriteHeader(span, compressed: false, message.Length);
        message.CopyTo(span[HeaderSize..]);
        writer.Advance(HeaderSize + message.Length);
    }

    /// <summary>
    /// Tries to take one whole message off the front of <paramref name="buffer"/>. Throws RESOURCE_EXHAUSTED as soon
    /// as the header announces a message longer than <paramref name="maxSize"/>, and INTERNAL for a bad flag byte.
    /// </summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int? maxSize, out bool compressed, out byte[] message)
    {
        compressed = false;
        message = [];
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {flag} in message header (expected 0 or 1)."));
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)(maxSize ?? int.MaxValue))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
        }

        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }

        compressed = flag == 1;
        message = buffer.Slice(HeaderSize, length).ToArray();
        buffer = buffer.Slice(HeaderSize + length);
        return true;
    }

    /// <summary>
    /// Reads the next message from the pipe and decompresses it if needed; null at a clean end of stream.
    /// A stream that ends inside a message is INTERNAL.
    /// </summary>
    public static async ValueTask<byte[]?> ReadMessageAsync(PipeReader reader, int? maxSize, string? encoding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool found;
            bool compressed;
            byte[] payload;
            try
            {
                found = TryReadMessage(ref buffer, maxSize, out compressed, out payload);
            }
            catch
            {
                reader.AdvanceTo(buffer.Start);
                throw;
            }

            if (found)
            {
                reader.AdvanceTo(buffer.Start);
                return compressed ? Decompress(payload, encoding, maxSize) : payload;
            }

            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (leftover == 0)
                {
                    return null;
                }

                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message: the stream ended inside a length-prefixed message."));
            }

            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("Reading the message was cancelled.");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static byte[] Decompress(byte[] payload, string? encoding, int? maxSize)
    {
        if (encoding is null || encoding.Equals(GrpcProtocolConstants.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(new Status(StatusCode.Internal, "Message has the compressed flag set but no grpc-encoding (or 'identity') was given."));
        }

        if (!GrpcCompression.IsSupported(encoding))
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcProtocolConstants.SupportedEncodings}."));
        }

        return GrpcCompression.Decompress(encoding, payload, maxSize);
    }
}
