// Shaped exactly like the output of protoc's grpc_csharp plugin for operando/v1/rig.proto, against
// OperandoRig.Protocol.Grpc instead of Grpc.Core: moving to Grpc.Tools' generated services is a namespace swap.
// The behaviour lives in the daemon (src/Daemon/Api), in a class deriving from Rig.RigBase.
#pragma warning disable 0414, 1591, 8981, 0612, CA1034, CA1062, CA1707, CA1716, CA1822
#nullable enable annotations
#nullable disable warnings

using grpc = global::OperandoRig.Protocol.Grpc;

namespace OperandoRig.Protocol.V1;

/// <summary>The rig service: what a beamline script or rigctl uses to see the rig, start a protocol on a channel and follow its data live.</summary>
public static partial class Rig
{
    static readonly string __ServiceName = "operando.v1.Rig";

    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.GetRigInfoRequest> __Marshaller_operando_v1_GetRigInfoRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.GetRigInfoRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.RigInfo> __Marshaller_operando_v1_RigInfo = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.RigInfo.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.StartProtocolRequest> __Marshaller_operando_v1_StartProtocolRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.StartProtocolRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.StartProtocolReply> __Marshaller_operando_v1_StartProtocolReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.StartProtocolReply.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.StreamSamplesRequest> __Marshaller_operando_v1_StreamSamplesRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.StreamSamplesRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.SampleMessage> __Marshaller_operando_v1_SampleMessage = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.SampleMessage.Parser.ParseFrom);

    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.ControlRunRequest> __Marshaller_operando_v1_ControlRunRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.ControlRunRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.GetChannelStatusRequest> __Marshaller_operando_v1_GetChannelStatusRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.GetChannelStatusRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.ChannelStatusMessage> __Marshaller_operando_v1_ChannelStatusMessage = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.ChannelStatusMessage.Parser.ParseFrom);

    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.ProtocolCheckReply> __Marshaller_operando_v1_ProtocolCheckReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.ProtocolCheckReply.Parser.ParseFrom);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.GetRigInfoRequest, global::OperandoRig.Protocol.V1.RigInfo> __Method_GetRigInfo = new grpc::Method<global::OperandoRig.Protocol.V1.GetRigInfoRequest, global::OperandoRig.Protocol.V1.RigInfo>(
        grpc::MethodType.Unary,
        __ServiceName,
        "GetRigInfo",
        __Marshaller_operando_v1_GetRigInfoRequest,
        __Marshaller_operando_v1_RigInfo);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.StartProtocolRequest, global::OperandoRig.Protocol.V1.StartProtocolReply> __Method_StartProtocol = new grpc::Method<global::OperandoRig.Protocol.V1.StartProtocolRequest, global::OperandoRig.Protocol.V1.StartProtocolReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "StartProtocol",
        __Marshaller_operando_v1_StartProtocolRequest,
        __Marshaller_operando_v1_StartProtocolReply);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.StreamSamplesRequest, global::OperandoRig.Protocol.V1.SampleMessage> __Method_StreamSamples = new grpc::Method<global::OperandoRig.Protocol.V1.StreamSamplesRequest, global::OperandoRig.Protocol.V1.SampleMessage>(
        grpc::MethodType.ServerStreaming,
        __ServiceName,
        "StreamSamples",
        __Marshaller_operando_v1_StreamSamplesRequest,
        __Marshaller_operando_v1_SampleMessage);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.ControlRunRequest, global::OperandoRig.Protocol.V1.ChannelStatusMessage> __Method_ControlRun = new grpc::Method<global::OperandoRig.Protocol.V1.ControlRunRequest, global::OperandoRig.Protocol.V1.ChannelStatusMessage>(
        grpc::MethodType.Unary,
        __ServiceName,
        "ControlRun",
        __Marshaller_operando_v1_ControlRunRequest,
        __Marshaller_operando_v1_ChannelStatusMessage);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.GetChannelStatusRequest, global::OperandoRig.Protocol.V1.ChannelStatusMessage> __Method_GetChannelStatus = new grpc::Method<global::OperandoRig.Protocol.V1.GetChannelStatusRequest, global::OperandoRig.Protocol.V1.ChannelStatusMessage>(
        grpc::MethodType.Unary,
        __ServiceName,
        "GetChannelStatus",
        __Marshaller_operando_v1_GetChannelStatusRequest,
        __Marshaller_operando_v1_ChannelStatusMessage);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.StartProtocolRequest, global::OperandoRig.Protocol.V1.ProtocolCheckReply> __Method_CheckProtocol = new grpc::Method<global::OperandoRig.Protocol.V1.StartProtocolRequest, global::OperandoRig.Protocol.V1.ProtocolCheckReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "CheckProtocol",
        __Marshaller_operando_v1_StartProtocolRequest,
        __Marshaller_operando_v1_ProtocolCheckReply);

    /// <summary>Service descriptor</summary>
    public static global::Google.Protobuf.Reflection.ServiceDescriptor Descriptor
    {
        get { return global::OperandoRig.Protocol.V1.RigReflection.Descriptor.Services[0]; }
    }

    /// <summary>Base class for server-side implementations of Rig</summary>
    [grpc::BindServiceMethod(typeof(Rig), "BindService")]
    public abstract partial class RigBase
    {
        /// <summary>Describes the rig: channels, their capabilities and what they are doing now.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.RigInfo> GetRigInfo(global::OperandoRig.Protocol.V1.GetRigInfoRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Parses, validates and starts a protocol (YAML text) on a channel.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.StartProtocolReply> StartProtocol(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Streams samples of a channel: first the stored ones from `from_seq`, then live ones.</summary>
        public virtual global::System.Threading.Tasks.Task StreamSamples(global::OperandoRig.Protocol.V1.StreamSamplesRequest request, grpc::IServerStreamWriter<global::OperandoRig.Protocol.V1.SampleMessage> responseStream, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Pauses (with a hold policy), resumes, stops, aborts or halts the run on a channel; replies with the channel's status after the action.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.ChannelStatusMessage> ControlRun(global::OperandoRig.Protocol.V1.ControlRunRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>A channel's state, step, counters and last reading.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.ChannelStatusMessage> GetChannelStatus(global::OperandoRig.Protocol.V1.GetChannelStatusRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Parses and validates a protocol against a channel's capabilities and safety limits without starting it: where each condition runs and the duration estimate.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.ProtocolCheckReply> CheckProtocol(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }
    }

    /// <summary>Client for Rig</summary>
    public partial class RigClient : grpc::ClientBase<RigClient>
    {
        /// <summary>Creates a new client for Rig</summary>
        public RigClient(grpc::ChannelBase channel) : base(channel)
        {
        }

        /// <summary>Creates a new client for Rig that uses a custom <c>CallInvoker</c>.</summary>
        public RigClient(grpc::CallInvoker callInvoker) : base(callInvoker)
        {
        }

        /// <summary>Protected parameterless constructor to allow creation of test doubles.</summary>
        protected RigClient() : base()
        {
        }

        /// <summary>Describes the rig: channels, their capabilities and what they are doing now.</summary>
        public virtual global::OperandoRig.Protocol.V1.RigInfo GetRigInfo(global::OperandoRig.Protocol.V1.GetRigInfoRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetRigInfo(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Describes the rig: channels, their capabilities and what they are doing now.</summary>
        public virtual global::OperandoRig.Protocol.V1.RigInfo GetRigInfo(global::OperandoRig.Protocol.V1.GetRigInfoRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_GetRigInfo, null, options, request);
        }

        /// <summary>Describes the rig: channels, their capabilities and what they are doing now.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.RigInfo> GetRigInfoAsync(global::OperandoRig.Protocol.V1.GetRigInfoRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetRigInfoAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Describes the rig: channels, their capabilities and what they are doing now.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.RigInfo> GetRigInfoAsync(global::OperandoRig.Protocol.V1.GetRigInfoRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_GetRigInfo, null, options, request);
        }

        /// <summary>Parses, validates and starts a protocol (YAML text) on a channel.</summary>
        public virtual global::OperandoRig.Protocol.V1.StartProtocolReply StartProtocol(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return StartProtocol(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Parses, validates and starts a protocol (YAML text) on a channel.</summary>
        public virtual global::OperandoRig.Protocol.V1.StartProtocolReply StartProtocol(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_StartProtocol, null, options, request);
        }

        /// <summary>Parses, validates and starts a protocol (YAML text) on a channel.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.StartProtocolReply> StartProtocolAsync(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return StartProtocolAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Parses, validates and starts a protocol (YAML text) on a channel.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.StartProtocolReply> StartProtocolAsync(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_StartProtocol, null, options, request);
        }

        /// <summary>Streams samples of a channel: first the stored ones from `from_seq`, then live ones.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.SampleMessage> StreamSamples(global::OperandoRig.Protocol.V1.StreamSamplesRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return StreamSamples(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Streams samples of a channel: first the stored ones from `from_seq`, then live ones.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.SampleMessage> StreamSamples(global::OperandoRig.Protocol.V1.StreamSamplesRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncServerStreamingCall(__Method_StreamSamples, null, options, request);
        }

        /// <summary>Pauses (with a hold policy), resumes, stops, aborts or halts the run on a channel; replies with the channel's status after the action.</summary>
        public virtual global::OperandoRig.Protocol.V1.ChannelStatusMessage ControlRun(global::OperandoRig.Protocol.V1.ControlRunRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return ControlRun(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Pauses (with a hold policy), resumes, stops, aborts or halts the run on a channel; replies with the channel's status after the action.</summary>
        public virtual global::OperandoRig.Protocol.V1.ChannelStatusMessage ControlRun(global::OperandoRig.Protocol.V1.ControlRunRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_ControlRun, null, options, request);
        }

        /// <summary>Pauses (with a hold policy), resumes, stops, aborts or halts the run on a channel; replies with the channel's status after the action.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ChannelStatusMessage> ControlRunAsync(global::OperandoRig.Protocol.V1.ControlRunRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return ControlRunAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Pauses (with a hold policy), resumes, stops, aborts or halts the run on a channel; replies with the channel's status after the action.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ChannelStatusMessage> ControlRunAsync(global::OperandoRig.Protocol.V1.ControlRunRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_ControlRun, null, options, request);
        }

        /// <summary>A channel's state, step, counters and last reading.</summary>
        public virtual global::OperandoRig.Protocol.V1.ChannelStatusMessage GetChannelStatus(global::OperandoRig.Protocol.V1.GetChannelStatusRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetChannelStatus(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>A channel's state, step, counters and last reading.</summary>
        public virtual global::OperandoRig.Protocol.V1.ChannelStatusMessage GetChannelStatus(global::OperandoRig.Protocol.V1.GetChannelStatusRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_GetChannelStatus, null, options, request);
        }

        /// <summary>A channel's state, step, counters and last reading.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ChannelStatusMessage> GetChannelStatusAsync(global::OperandoRig.Protocol.V1.GetChannelStatusRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetChannelStatusAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>A channel's state, step, counters and last reading.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ChannelStatusMessage> GetChannelStatusAsync(global::OperandoRig.Protocol.V1.GetChannelStatusRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_GetChannelStatus, null, options, request);
        }

        /// <summary>Parses and validates a protocol against a channel's capabilities and safety limits without starting it: where each condition runs and the duration estimate.</summary>
        public virtual global::OperandoRig.Protocol.V1.ProtocolCheckReply CheckProtocol(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return CheckProtocol(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Parses and validates a protocol against a channel's capabilities and safety limits without starting it: where each condition runs and the duration estimate.</summary>
        public virtual global::OperandoRig.Protocol.V1.ProtocolCheckReply CheckProtocol(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_CheckProtocol, null, options, request);
        }

        /// <summary>Parses and validates a protocol against a channel's capabilities and safety limits without starting it: where each condition runs and the duration estimate.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ProtocolCheckReply> CheckProtocolAsync(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return CheckProtocolAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Parses and validates a protocol against a channel's capabilities and safety limits without starting it: where each condition runs and the duration estimate.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ProtocolCheckReply> CheckProtocolAsync(global::OperandoRig.Protocol.V1.StartProtocolRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_CheckProtocol, null, options, request);
        }
    }

    /// <summary>Register service method with a service binder with or without implementation. Useful when customizing the service binding logic.
    /// Note: this method is part of an experimental API that can change or be removed without any prior notice.</summary>
    /// <param name="serviceBinder">Service methods will be bound by calling <c>AddMethod</c> on this object.</param>
    /// <param name="serviceImpl">An object implementing the server-side handling logic.</param>
    public static void BindService(grpc::ServiceBinderBase serviceBinder, RigBase serviceImpl)
    {
        serviceBinder.AddMethod(__Method_GetRigInfo, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.GetRigInfoRequest, global::OperandoRig.Protocol.V1.RigInfo>(serviceImpl.GetRigInfo));
        serviceBinder.AddMethod(__Method_StartProtocol, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.StartProtocolRequest, global::OperandoRig.Protocol.V1.StartProtocolReply>(serviceImpl.StartProtocol));
        serviceBinder.AddMethod(__Method_StreamSamples, serviceImpl == null ? null : new grpc::ServerStreamingServerMethod<global::OperandoRig.Protocol.V1.StreamSamplesRequest, global::OperandoRig.Protocol.V1.SampleMessage>(serviceImpl.StreamSamples));
        serviceBinder.AddMethod(__Method_CheckProtocol, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.StartProtocolRequest, global::OperandoRig.Protocol.V1.ProtocolCheckReply>(serviceImpl.CheckProtocol));
        serviceBinder.AddMethod(__Method_ControlRun, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.ControlRunRequest, global::OperandoRig.Protocol.V1.ChannelStatusMessage>(serviceImpl.ControlRun));
        serviceBinder.AddMethod(__Method_GetChannelStatus, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.GetChannelStatusRequest, global::OperandoRig.Protocol.V1.ChannelStatusMessage>(serviceImpl.GetChannelStatus));
    }
}
