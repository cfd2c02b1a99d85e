using System.IO.Compression;

namespace OperandoRig.Protocol.Grpc.Internal;

/// <summary>Decompression of incoming messages (<c>grpc-encoding</c> gzip or deflate). Outgoing messages are never compressed.</summary>
internal static class GrpcCompression
{
    public static bool IsSupported(string encoding) =>
        encoding.Equals(GrpcProtocolConstants.GzipEncoding, StringComparison.OrdinalIgnoreCase)
        || encoding.Equals(GrpcProtocolConstants.DeflateEncoding, StringComparison.OrdinalIgnoreCase);

    /// <summary>Decompresses one message; a result longer than <paramref name="maxSize"/> is RESOURCE_EXHAUSTED.</summary>
    public static byte[] Decompress(string encoding, byte[] compressed, int? maxSize)
    {
        using var input = new MemoryStream(compressed, writable: false);
        using Stream decompressor = encoding.Equals(GrpcProtocolConstants.GzipEncoding, StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(input, CompressionMode.Decompress)
            : new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = decompressor.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, read);
                if (maxSize is { } max && output.Length > max)
                {
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to decompress message with grpc-encoding '{encoding}'.", ex));
        }

        return output.ToArray();
    }
}
