using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Internal;

namespace OperandoRig.Protocol.Tests.Grpc;

[TestClass]
public sealed class GrpcFramingTests
{
    [TestMethod]
    public void Frame_Message_PrefixesFlagAndBigEndianLength()
    {
        var framed = GrpcFraming.Frame(new byte[] { 0xAA, 0xBB, 0xCC });

        CollectionAssert.AreEqual(new byte[] { 0, 0, 0, 0, 3, 0xAA, 0xBB, 0xCC }, framed);
    }

    [TestMethod]
    public void WriteHeader_LargeLength_WritesBigEndian()
    {
        var header = new byte[5];

        GrpcFraming.WriteHeader(header, compressed: true, 0x01020304);

        CollectionAssert.AreEqual(new byte[] { 1, 1, 2, 3, 4 }, header);
    }

    [TestMethod]
    public void TryReadMessage_PartialMessage_ReturnsFalseUntilComplete()
    {
        var framed = GrpcFraming.Frame(new byte[] { 1, 2, 3, 4 });
        var partial = new ReadOnlySequence<byte>(framed, 0, 7);

        Assert.IsFalse(GrpcFraming.TryReadMessage(ref partial, 100, out _, out _));

        var whole = new ReadOnlySequence<byte>(framed.Concat(GrpcFraming.Frame([9])).ToArray());
        Assert.IsTrue(GrpcFraming.TryReadMessage(ref whole, 100, out var compressed, out var message));
        Assert.IsFalse(compressed);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3, 4 }, message);
        Assert.AreEqual(6, whole.Length, "the second message is left in the buffer");
    }

    [TestMethod]
    public void TryReadMessage_LengthOverLimit_ThrowsResourceExhaustedBeforeBodyArrives()
    {
        var header = new byte[5];
        GrpcFraming.WriteHeader(header, compressed: false, 1025);
        var buffer = new ReadOnlySequence<byte>(header);

        var ex = Assert.ThrowsExactly<RpcException>(() => GrpcFraming.TryReadMessage(ref buffer, 1024, out _, out _));

        Assert.AreEqual(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [TestMethod]
    public void TryReadMessage_InvalidFlag_ThrowsInternal()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 2, 0, 0, 0, 0 });

        var ex = Assert.ThrowsExactly<RpcException>(() => GrpcFraming.TryReadMessage(ref buffer, null, out _, out _));

        Assert.AreEqual(StatusCode.Internal, ex.StatusCode);
    }

    [TestMethod]
    public async Task ReadMessageAsync_MessagesSplitAcrossWrites_ReadsEachThenNull()
    {
        var pipe = new Pipe();
        var bytes = GrpcFraming.Frame(new byte[] { 1, 2, 3 }).Concat(GrpcFraming.Frame(new byte[] { 4 })).ToArray();
        foreach (var b in bytes)
        {
            await pipe.Writer.WriteAsync(new[] { b });
        }

        await pipe.Writer.CompleteAsync();

        var first = await GrpcFraming.ReadMessageAsync(pipe.Reader, null, null, CancellationToken.None);
        var second = await GrpcFraming.ReadMessageAsync(pipe.Reader, null, null, CancellationToken.None);
        var end = await GrpcFraming.ReadMessageAsync(pipe.Reader, null, null, CancellationToken.None);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, first);
        CollectionAssert.AreEqual(new byte[] { 4 }, second);
        Assert.IsNull(end);
    }

    [TestMethod]
    public async Task ReadMessageAsync_StreamEndsInsideMessage_ThrowsInternal()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(GrpcFraming.Frame(new byte[] { 1, 2, 3 }).AsMemory(0, 6));
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () => await GrpcFraming.ReadMessageAsync(pipe.Reader, null, null, CancellationToken.None));

        Assert.AreEqual(StatusCode.Internal, ex.StatusCode);
    }

    [TestMethod]
    public async Task ReadMessageAsync_GzipCompressedMessage_Decompresses()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(CompressedFrame(new byte[] { 5, 6, 7 }));
        await pipe.Writer.CompleteAsync();

        var message = await GrpcFraming.ReadMessageAsync(pipe.Reader, 100, "gzip", CancellationToken.None);

        CollectionAssert.AreEqual(new byte[] { 5, 6, 7 }, message);
    }

    [TestMethod]
    public async Task ReadMessageAsync_CompressedFlagWithoutEncoding_ThrowsInternal()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(CompressedFrame(new byte[] { 5 }));
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () => await GrpcFraming.ReadMessageAsync(pipe.Reader, 100, null, CancellationToken.None));

        Assert.AreEqual(StatusCode.Internal, ex.StatusCode);
        StringAssert.Contains(ex.Status.Detail, "grpc-encoding");
    }

    [TestMethod]
    public async Task ReadMessageAsync_UnsupportedEncoding_ThrowsUnimplemented()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(CompressedFrame(new byte[] { 5 }));
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () => await GrpcFraming.ReadMessageAsync(pipe.Reader, 100, "snappy", CancellationToken.None));

        Assert.AreEqual(StatusCode.Unimplemented, ex.StatusCode);
        StringAssert.Contains(ex.Status.Detail, "snappy");
    }

    [TestMethod]
    public async Task ReadMessageAsync_DecompressedOverLimit_ThrowsResourceExhausted()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(CompressedFrame(new byte[10_000]));
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () => await GrpcFraming.ReadMessageAsync(pipe.Reader, 1000, "gzip", CancellationToken.None));

        Assert.AreEqual(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    internal static byte[] CompressedFrame(byte[] message)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(message);
        }

        var compressed = output.ToArray();
        var framed = new byte[5 + compressed.Length];
        GrpcFraming.WriteHeader(framed, compressed: true, compressed.Length);
        compressed.CopyTo(framed, 5);
        return framed;
    }
}
