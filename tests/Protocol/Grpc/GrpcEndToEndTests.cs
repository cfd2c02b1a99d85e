using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.Grpc.Internal;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Protocol.Tests.Grpc;

/// <summary>The C# client against the Kestrel server on 127.0.0.1 (a port picked by the OS), over real HTTP/2.</summary>
[TestClass]
public sealed class GrpcEndToEndTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task AsyncUnaryCall_Echo_ReturnsPayloadHeadersAndTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var invoker = channel.CreateCallInvoker();

        using var call = invoker.AsyncUnaryCall(TestService.EchoMethod, null, new CallOptions(new Metadata { { "x-test", "abc" } }), new PingRequest { Payload = "hello" });
        var reply = await call;

        Assert.AreEqual("hello", reply.Payload);
        Assert.AreEqual("abc", server.Probe.LastRequestHeader);
        Assert.AreEqual(DateTime.MaxValue, server.Probe.LastDeadline, "no deadline was sent");
        Assert.AreEqual(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.AreEqual("abc", call.GetTrailers().GetValue("x-echoed"));
    }

    [TestMethod]
    public async Task AsyncServerStreamingCall_TwentyThousandMessages_AllReceivedInOrder()
    {
        const int count = 20_000;
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(TestService.StreamMethod, null, default, new CountRequest { Count = count });
        long expected = 0;
        await foreach (var tick in call.ResponseStream.ReadAllAsync(TestContext.CancellationToken))
        {
            Assert.AreEqual(expected, tick.Index);
            expected++;
        }

        Assert.AreEqual(count, expected);
        Assert.AreEqual(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [TestMethod]
    public async Task AsyncUnaryCall_HandlerThrowsRpcException_ClientGetsStatusAndPercentEncodedMessage()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        const string message = "cell 3: 4.25 V > 4.2 V limit — 100% über\nsecond line";

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(TestService.FailMethod, null, default, new FailRequest { Code = (int)StatusCode.FailedPrecondition, Message = message }));

        Assert.AreEqual(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.AreEqual(message, ex.Status.Detail);
    }

    [TestMethod]
    public async Task AsyncServerStreamingCall_FailsAfterMessages_StatusComesFromTrailers()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(TestService.StreamMethod, null, default, new CountRequest { Count = 3, Tag = "fail" });
        var received = 0;
        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestContext.CancellationToken))
            {
                received++;
            }
        });

        Assert.AreEqual(3, received);
        Assert.AreEqual(StatusCode.Aborted, ex.StatusCode);
        Assert.AreEqual("stopped after 3", ex.Status.Detail);
        Assert.AreEqual(StatusCode.Aborted, call.GetStatus().StatusCode);
    }

    [TestMethod]
    public async Task AsyncUnaryCall_HandlerThrowsArgumentException_InvalidArgumentWithMessage()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(TestService.FailMethod, null, default, new FailRequest { Code = -1, Message = "rate: 'C/0' is not a C-rate" }));

        Assert.AreEqual(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.AreEqual("rate: 'C/0' is not a C-rate", ex.Status.Detail);
    }

    [TestMethod]
    public async Task AsyncUnaryCall_HandlerThrowsOtherException_UnknownWithoutDetails()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(TestService.FailMethod, null, default, new FailRequest { Code = -2, Message = "connection string with password" }));

        Assert.AreEqual(StatusCode.Unknown, ex.StatusCode);
        Assert.AreEqual("Exception was thrown by handler.", ex.Status.Detail);
    }

    [TestMethod]
    public async Task AsyncUnaryCall_DeadlinePasses_DeadlineExceededAndHandlerCancelled()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime.AddMilliseconds(300);
        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(TestService.WaitForCancelMethod, null, new CallOptions(deadline: deadline), new SleepRequest()));

        Assert.AreEqual(StatusCode.DeadlineExceeded, ex.StatusCode);
        await server.Probe.HandlerCancelled.Task.WaitAsync(Generous, TestContext.CancellationToken);
        Assert.AreNotEqual(DateTime.MaxValue, server.Probe.LastDeadline, "the server saw the grpc-timeout");
    }

    [TestMethod]
    public async Task HandleCall_GrpcTimeoutElapsesOnServerClock_RespondsDeadlineExceededAndCancelsHandler()
    {
        var clock = new ManualTimeProvider();
        await using var server = await GrpcTestServer.StartAsync(timeProvider: clock);
        using var http = GrpcTestServer.CreateRawHttpClient();
        using var request = RawRequest(server, TestService.WaitForCancelMethod.FullName, new SleepRequest());
        request.Headers.TryAddWithoutValidation("grpc-timeout", "5S");

        var responseTask = http.SendAsync(request, TestContext.CancellationToken);
        await server.Probe.HandlerStarted.Task.WaitAsync(Generous, TestContext.CancellationToken);
        Assert.AreEqual(clock.GetUtcNow().UtcDateTime.AddSeconds(5), server.Probe.LastDeadline);
        clock.Advance(TimeSpan.FromSeconds(5));
        using var response = await responseTask.WaitAsync(Generous, TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("4", GrpcStatusOf(response));
        await server.Probe.HandlerCancelled.Task.WaitAsync(Generous, TestContext.CancellationToken);
    }

    [TestMethod]
    public async Task AsyncServerStreamingCall_ClientCancels_ServerStopsProducing()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var cts = new CancellationTokenSource();

        using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(TestService.StreamMethod, null, new CallOptions(cancellationToken: cts.Token), new CountRequest { Count = 0 });
        for (var i = 0; i < 100; i++)
        {
            Assert.IsTrue(await call.ResponseStream.MoveNext(TestContext.CancellationToken));
        }

        await cts.CancelAsync();
        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(TestContext.CancellationToken))
            {
            }
        });
        Assert.AreEqual(StatusCode.Cancelled, ex.StatusCode);

        await server.Probe.HandlerCancelled.Task.WaitAsync(Generous, TestContext.CancellationToken);
        var producedAtExit = await server.Probe.StreamExited.Task.WaitAsync(Generous, TestContext.CancellationToken);
        Assert.AreEqual(producedAtExit, server.Probe.Produced, "nothing is produced after the handler has stopped");
        Assert.IsGreaterThanOrEqualTo(100L, producedAtExit);
    }

    [TestMethod]
    public async Task AsyncServerStreamingCall_Disposed_ServerHandlerCancelled()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var call = channel.CreateCallInvoker().AsyncServerStreamingCall(TestService.StreamMethod, null, default, new CountRequest { Count = 0 });
        Assert.IsTrue(await call.ResponseStream.MoveNext(TestContext.CancellationToken));
        call.Dispose();

        await server.Probe.HandlerCancelled.Task.WaitAsync(Generous, TestContext.CancellationToken);
        Assert.AreEqual(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [TestMethod]
    public async Task AsyncUnaryCall_RequestOverServerReceiveLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        using var channel = server.CreateChannel();

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(TestService.EchoMethod, null, default, new PingRequest { Payload = new string('x', 2048) }));

        Assert.AreEqual(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.AreEqual("Received message exceeds the maximum configured message size.", ex.Status.Detail);
    }

    [TestMethod]
    public async Task AsyncUnaryCall_ResponseOverClientReceiveLimit_ResourceExhausted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(TestService.EchoMethod, null, default, new PingRequest { Payload = new string('x', 2048) }));

        Assert.AreEqual(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [TestMethod]
    public async Task AsyncUnaryCall_UnknownMethod_Unimplemented()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var method = new Method<PingRequest, PingReply>(MethodType.Unary, TestService.ServiceName, "NoSuchMethod", TestService.EchoMethod.RequestMarshaller, TestService.EchoMethod.ResponseMarshaller);

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, new PingRequest()));

        Assert.AreEqual(StatusCode.Unimplemented, ex.StatusCode);
    }

    [TestMethod]
    public async Task AsyncUnaryCall_NoServerListening_Unavailable()
    {
        Uri address;
        await using (var server = await GrpcTestServer.StartAsync())
        {
            address = server.Address;
        }

        using var channel = GrpcChannel.ForAddress(address);
        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(TestService.EchoMethod, null, default, new PingRequest()));

        Assert.AreEqual(StatusCode.Unavailable, ex.StatusCode);
    }

    [TestMethod]
    public async Task HandleCall_WrongContentType_Http415WithInternalStatus()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = GrpcTestServer.CreateRawHttpClient();
        using var request = RawRequest(server, TestService.EchoMethod.FullName, new PingRequest());
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await http.SendAsync(request, TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.AreEqual("13", GrpcStatusOf(response));
    }

    [TestMethod]
    public async Task HandleCall_ContentTypeWithProtoSuffix_Accepted()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = GrpcTestServer.CreateRawHttpClient();
        using var request = RawRequest(server, TestService.EchoMethod.FullName, new PingRequest { Payload = "p" });
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/grpc+proto");

        using var response = await http.SendAsync(request, TestContext.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.CancellationToken);

        Assert.AreEqual("0", GrpcStatusOf(response));
        Assert.AreEqual("p", PingReply.Parser.ParseFrom(body.AsSpan(5).ToArray()).Payload);
    }

    [TestMethod]
    public async Task HandleCall_GzipCompressedRequest_Decompressed()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = GrpcTestServer.CreateRawHttpClient();
        using var request = RawRequest(server, TestService.EchoMethod.FullName, framed: GrpcFramingTests.CompressedFrame(new PingRequest { Payload = "zipped" }.ToByteArray()));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");

        using var response = await http.SendAsync(request, TestContext.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.CancellationToken);

        Assert.AreEqual("0", GrpcStatusOf(response));
        Assert.AreEqual("zipped", PingReply.Parser.ParseFrom(body.AsSpan(5).ToArray()).Payload);
    }

    [TestMethod]
    public async Task HandleCall_CompressedFlagWithoutEncoding_InternalWithClearMessage()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var http = GrpcTestServer.CreateRawHttpClient();
        using var request = RawRequest(server, TestService.EchoMethod.FullName, framed: GrpcFramingTests.CompressedFrame(new PingRequest { Payload = "zipped" }.ToByteArray()));

        using var response = await http.SendAsync(request, TestContext.CancellationToken);

        Assert.AreEqual("13", GrpcStatusOf(response));
        StringAssert.Contains(GrpcPercentEncoding.Decode(response.Headers.GetValues("grpc-message").Single()), "grpc-encoding");
    }

    private static HttpRequestMessage RawRequest(GrpcTestServer server, string path, IMessage? message = null, byte[]? framed = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framed ?? GrpcFraming.Frame(message!.ToByteArray())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        return request;
    }

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
    private static string? GrpcStatusOf(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.Single()
        : response.Headers.TryGetValues("grpc-status", out var h) ? h.Single()
        : null;
}
