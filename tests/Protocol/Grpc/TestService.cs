using Google.Protobuf;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Protocol.Tests.Grpc;

/// <summary>A test-only service written in the generated shape, reusing the Diagnostics messages.</summary>
internal static class TestService
{
    public const string ServiceName = "test.v1.Test";

    public static readonly Method<PingRequest, PingReply> EchoMethod = Unary("Echo", PingRequest.Parser.ParseFrom, PingReply.Parser.ParseFrom);
    public static readonly Method<FailRequest, PingReply> FailMethod = Unary("Fail", FailRequest.Parser.ParseFrom, PingReply.Parser.ParseFrom);
    public static readonly Method<SleepRequest, PingReply> WaitForCancelMethod = Unary("WaitForCancel", SleepRequest.Parser.ParseFrom, PingReply.Parser.ParseFrom);
    public static readonly Method<CountRequest, Tick> StreamMethod = new(MethodType.ServerStreaming, ServiceName, "Stream", M(CountRequest.Parser.ParseFrom), M(Tick.Parser.ParseFrom));

    public static void BindService(ServiceBinderBase serviceBinder, TestServiceBase serviceImpl)
    {
        serviceBinder.AddMethod(EchoMethod, serviceImpl == null ? null : new UnaryServerMethod<PingRequest, PingReply>(serviceImpl.Echo));
        serviceBinder.AddMethod(FailMethod, serviceImpl == null ? null : new UnaryServerMethod<FailRequest, PingReply>(serviceImpl.Fail));
        serviceBinder.AddMethod(WaitForCancelMethod, serviceImpl == null ? null : new UnaryServerMethod<SleepRequest, PingReply>(serviceImpl.WaitForCancel));
        serviceBinder.AddMethod(StreamMethod, serviceImpl == null ? null : new ServerStreamingServerMethod<CountRequest, Tick>(serviceImpl.Stream));
    }

    private static Method<TReq, TResp> Unary<TReq, TResp>(string name, Func<byte[], TReq> parseRequest, Func<byte[], TResp> parseResponse)
        where TReq : IMessage
        where TResp : IMessage
        => new(MethodType.Unary, ServiceName, name, M(parseRequest), M(parseResponse));

    private static Marshaller<T> M<T>(Func<byte[], T> parse)
        where T : IMessage
        => Marshallers.Create<T>(m => m.ToByteArray(), parse);

    [BindServiceMethod(typeof(TestService), nameof(BindService))]
    internal abstract class TestServiceBase
    {
        public virtual Task<PingReply> Echo(PingRequest request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, ""));

        public virtual Task<PingReply> Fail(FailRequest request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, ""));

        public virtual Task<PingReply> WaitForCancel(SleepRequest request, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, ""));

        public virtual Task Stream(CountRequest request, IServerStreamWriter<Tick> responseStream, ServerCallContext context) => throw new RpcException(new Status(StatusCode.Unimplemented, ""));
    }
}
