// Shaped exactly like the output of protoc's grpc_csharp plugin for operando/v1/diagnostics.proto, against
// OperandoRig.Protocol.Grpc instead of Grpc.Core: moving to Grpc.Tools' generated services is a namespace swap.
#pragma warning disable 0414, 1591, 8981, 0612, CA1034, CA1062, CA1707, CA1716, CA1822
#nullable enable annotations
#nullable disable warnings

using grpc = global::OperandoRig.Protocol.Grpc;

namespace OperandoRig.Protocol.V1;

/// <summary>Wire-level diagnostics: round trip, long streams, error statuses, deadlines, cancellation.</summary>
public static partial class Diagnostics
{
    static readonly string __ServiceName = "operando.v1.Diagnostics";

    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.PingRequest> __Marshaller_operando_v1_PingRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.PingRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.PingReply> __Marshaller_operando_v1_PingReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.PingReply.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.CountRequest> __Marshaller_operando_v1_CountRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.CountRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.Tick> __Marshaller_operando_v1_Tick = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.Tick.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.SleepRequest> __Marshaller_operando_v1_SleepRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.SleepRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.FailRequest> __Marshaller_operando_v1_FailRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.FailRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.StreamStatsRequest> __Marshaller_operando_v1_StreamStatsRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.StreamStatsRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.StreamStats> __Marshaller_operando_v1_StreamStats = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.StreamStats.Parser.ParseFrom);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.PingRequest, global::OperandoRig.Protocol.V1.PingReply> __Method_Ping = new grpc::Method<global::OperandoRig.Protocol.V1.PingRequest, global::OperandoRig.Protocol.V1.PingReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "Ping",
        __Marshaller_operando_v1_PingRequest,
        __Marshaller_operando_v1_PingReply);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.CountRequest, global::OperandoRig.Protocol.V1.Tick> __Method_Count = new grpc::Method<global::OperandoRig.Protocol.V1.CountRequest, global::OperandoRig.Protocol.V1.Tick>(
        grpc::MethodType.ServerStreaming,
        __ServiceName,
        "Count",
        __Marshaller_operando_v1_CountRequest,
        __Marshaller_operando_v1_Tick);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.SleepRequest, global::OperandoRig.Protocol.V1.PingReply> __Method_Sleep = new grpc::Method<global::OperandoRig.Protocol.V1.SleepRequest, global::OperandoRig.Protocol.V1.PingReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "Sleep",
        __Marshaller_operando_v1_SleepRequest,
        __Marshaller_operando_v1_PingReply);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.FailRequest, global::OperandoRig.Protocol.V1.PingReply> __Method_Fail = new grpc::Method<global::OperandoRig.Protocol.V1.FailRequest, global::OperandoRig.Protocol.V1.PingReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "Fail",
        __Marshaller_operando_v1_FailRequest,
        __Marshaller_operando_v1_PingReply);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.StreamStatsRequest, global::OperandoRig.Protocol.V1.StreamStats> __Method_GetStreamStats = new grpc::Method<global::OperandoRig.Protocol.V1.StreamStatsRequest, global::OperandoRig.Protocol.V1.StreamStats>(
        grpc::MethodType.Unary,
        __ServiceName,
        "GetStreamStats",
        __Marshaller_operando_v1_StreamStatsRequest,
        __Marshaller_operando_v1_StreamStats);

    /// <summary>Service descriptor</summary>
    public static global::Google.Protobuf.Reflection.ServiceDescriptor Descriptor
    {
        get { return global::OperandoRig.Protocol.V1.DiagnosticsReflection.Descriptor.Services[0]; }
    }

    /// <summary>Base class for server-side implementations of Diagnostics</summary>
    [grpc::BindServiceMethod(typeof(Diagnostics), "BindService")]
    public abstract partial class DiagnosticsBase
    {
        /// <summary>Echoes the payload back with the daemon's clock reading.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.PingReply> Ping(global::OperandoRig.Protocol.V1.PingRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Streams `count` ticks (0 = until cancelled), `interval_s` apart on the daemon clock (0 = as fast as possible).</summary>
        public virtual global::System.Threading.Tasks.Task Count(global::OperandoRig.Protocol.V1.CountRequest request, grpc::IServerStreamWriter<global::OperandoRig.Protocol.V1.Tick> responseStream, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Waits `duration_s` on the daemon clock, then replies; used to exercise grpc-timeout deadlines.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.PingReply> Sleep(global::OperandoRig.Protocol.V1.SleepRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Fails with the requested status code and message; used to check error propagation.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.PingReply> Fail(global::OperandoRig.Protocol.V1.FailRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Reports what the Count streams have produced so far; a cancelled stream must stop producing.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.StreamStats> GetStreamStats(global::OperandoRig.Protocol.V1.StreamStatsRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }
    }

    /// <summary>Client for Diagnostics</summary>
    public partial class DiagnosticsClient : grpc::ClientBase<DiagnosticsClient>
    {
        /// <summary>Creates a new client for Diagnostics</summary>
        public DiagnosticsClient(grpc::ChannelBase channel) : base(channel)
        {
        }

        /// <summary>Creates a new client for Diagnostics that uses a custom <c>CallInvoker</c>.</summary>
        public DiagnosticsClient(grpc::CallInvoker callInvoker) : base(callInvoker)
        {
        }

        /// <summary>Protected parameterless constructor to allow creation of test doubles.</summary>
        protected DiagnosticsClient() : base()
        {
        }

        public virtual global::OperandoRig.Protocol.V1.PingReply Ping(global::OperandoRig.Protocol.V1.PingRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return Ping(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual global::OperandoRig.Protocol.V1.PingReply Ping(global::OperandoRig.Protocol.V1.PingRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_Ping, null, options, request);
        }

        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.PingReply> PingAsync(global::OperandoRig.Protocol.V1.PingRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return PingAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.PingReply> PingAsync(global::OperandoRig.Protocol.V1.PingRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_Ping, null, options, request);
        }

        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.Tick> Count(global::OperandoRig.Protocol.V1.CountRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return Count(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.Tick> Count(global::OperandoRig.Protocol.V1.CountRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncServerStreamingCall(__Method_Count, null, options, request);
        }

        public virtual global::OperandoRig.Protocol.V1.PingReply Sleep(global::OperandoRig.Protocol.V1.SleepRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return Sleep(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual global::OperandoRig.Protocol.V1.PingReply Sleep(global::OperandoRig.Protocol.V1.SleepRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_Sleep, null, options, request);
        }

        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.PingReply> SleepAsync(global::OperandoRig.Protocol.V1.SleepRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return SleepAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.PingReply> SleepAsync(global::OperandoRig.Protocol.V1.SleepRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_Sleep, null, options, request);
        }

        public virtual global::OperandoRig.Protocol.V1.PingReply Fail(global::OperandoRig.Protocol.V1.FailRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return Fail(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual global::OperandoRig.Protocol.V1.PingReply Fail(global::OperandoRig.Protocol.V1.FailRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_Fail, null, options, request);
        }

        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.PingReply> FailAsync(global::OperandoRig.Protocol.V1.FailRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return FailAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.PingReply> FailAsync(global::OperandoRig.Protocol.V1.FailRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_Fail, null, options, request);
        }

        public virtual global::OperandoRig.Protocol.V1.StreamStats GetStreamStats(global::OperandoRig.Protocol.V1.StreamStatsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetStreamStats(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual global::OperandoRig.Protocol.V1.StreamStats GetStreamStats(global::OperandoRig.Protocol.V1.StreamStatsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_GetStreamStats, null, options, request);
        }

        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.StreamStats> GetStreamStatsAsync(global::OperandoRig.Protocol.V1.StreamStatsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetStreamStatsAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.StreamStats> GetStreamStatsAsync(global::OperandoRig.Protocol.V1.StreamStatsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_GetStreamStats, null, options, request);
        }
    }

    /// <summary>Register service method with a service binder with or without implementation. Useful when customizing the service binding logic.
    /// Note: this method is part of an experimental API that can change or be removed without any prior notice.</summary>
    /// <param name="serviceBinder">Service methods will be bound by calling <c>AddMethod</c> on this object.</param>
    /// <param name="serviceImpl">An object implementing the server-side handling logic.</param>
    public static void BindService(grpc::ServiceBinderBase serviceBinder, DiagnosticsBase serviceImpl)
    {
        serviceBinder.AddMethod(__Method_Ping, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.PingRequest, global::OperandoRig.Protocol.V1.PingReply>(serviceImpl.Ping));
        serviceBinder.AddMethod(__Method_Count, serviceImpl == null ? null : new grpc::ServerStreamingServerMethod<global::OperandoRig.Protocol.V1.CountRequest, global::OperandoRig.Protocol.V1.Tick>(serviceImpl.Count));
        serviceBinder.AddMethod(__Method_Sleep, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.SleepRequest, global::OperandoRig.Protocol.V1.PingReply>(serviceImpl.Sleep));
        serviceBinder.AddMethod(__Method_Fail, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.FailRequest, global::OperandoRig.Protocol.V1.PingReply>(serviceImpl.Fail));
        serviceBinder.AddMethod(__Method_GetStreamStats, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.StreamStatsRequest, global::OperandoRig.Protocol.V1.StreamStats>(serviceImpl.GetStreamStats));
    }
}
