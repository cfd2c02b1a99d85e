// Shaped exactly like the output of protoc's grpc_csharp plugin for operando/v1/operando.proto, against
// OperandoRig.Protocol.Grpc instead of Grpc.Core: moving to Grpc.Tools' generated services is a namespace swap.
// The behaviour lives in the daemon (src/Daemon/Api), in a class deriving from Operando.OperandoBase.
#pragma warning disable 0414, 1591, 8981, 0612, CA1034, CA1062, CA1707, CA1716, CA1822
#nullable enable annotations
#nullable disable warnings

using grpc = global::OperandoRig.Protocol.Grpc;

namespace OperandoRig.Protocol.V1;

/// <summary>The operando service: sync points for beamline scripts that drive the beamline themselves.</summary>
public static partial class Operando
{
    static readonly string __ServiceName = "operando.v1.Operando";

    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.WatchSyncPointsRequest> __Marshaller_operando_v1_WatchSyncPointsRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.WatchSyncPointsRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.SyncPointMessage> __Marshaller_operando_v1_SyncPointMessage = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.SyncPointMessage.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.ListSyncPointsRequest> __Marshaller_operando_v1_ListSyncPointsRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.ListSyncPointsRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.ListSyncPointsReply> __Marshaller_operando_v1_ListSyncPointsReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.ListSyncPointsReply.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest> __Marshaller_operando_v1_AcknowledgeSyncRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.AcknowledgeSyncReply> __Marshaller_operando_v1_AcknowledgeSyncReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.AcknowledgeSyncReply.Parser.ParseFrom);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.WatchSyncPointsRequest, global::OperandoRig.Protocol.V1.SyncPointMessage> __Method_WatchSyncPoints = new grpc::Method<global::OperandoRig.Protocol.V1.WatchSyncPointsRequest, global::OperandoRig.Protocol.V1.SyncPointMessage>(
        grpc::MethodType.ServerStreaming,
        __ServiceName,
        "WatchSyncPoints",
        __Marshaller_operando_v1_WatchSyncPointsRequest,
        __Marshaller_operando_v1_SyncPointMessage);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.ListSyncPointsRequest, global::OperandoRig.Protocol.V1.ListSyncPointsReply> __Method_ListSyncPoints = new grpc::Method<global::OperandoRig.Protocol.V1.ListSyncPointsRequest, global::OperandoRig.Protocol.V1.ListSyncPointsReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "ListSyncPoints",
        __Marshaller_operando_v1_ListSyncPointsRequest,
        __Marshaller_operando_v1_ListSyncPointsReply);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest, global::OperandoRig.Protocol.V1.AcknowledgeSyncReply> __Method_AcknowledgeSync = new grpc::Method<global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest, global::OperandoRig.Protocol.V1.AcknowledgeSyncReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "AcknowledgeSync",
        __Marshaller_operando_v1_AcknowledgeSyncRequest,
        __Marshaller_operando_v1_AcknowledgeSyncReply);

    /// <summary>Service descriptor</summary>
    public static global::Google.Protobuf.Reflection.ServiceDescriptor Descriptor
    {
        get { return global::OperandoRig.Protocol.V1.OperandoReflection.Descriptor.Services[0]; }
    }

    /// <summary>Base class for server-side implementations of Operando</summary>
    [grpc::BindServiceMethod(typeof(Operando), "BindService")]
    public abstract partial class OperandoBase
    {
        /// <summary>The pending sync points (optionally of one channel), then each new one as it is published.</summary>
        public virtual global::System.Threading.Tasks.Task WatchSyncPoints(global::OperandoRig.Protocol.V1.WatchSyncPointsRequest request, grpc::IServerStreamWriter<global::OperandoRig.Protocol.V1.SyncPointMessage> responseStream, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>The sync points waiting for an acknowledgement now.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.ListSyncPointsReply> ListSyncPoints(global::OperandoRig.Protocol.V1.ListSyncPointsRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Acknowledges a sync point: the held cell's plan goes on.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.AcknowledgeSyncReply> AcknowledgeSync(global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }
    }

    /// <summary>Client for Operando</summary>
    public partial class OperandoClient : grpc::ClientBase<OperandoClient>
    {
        /// <summary>Creates a new client for Operando</summary>
        public OperandoClient(grpc::ChannelBase channel) : base(channel)
        {
        }

        /// <summary>Creates a new client for Operando that uses a custom <c>CallInvoker</c>.</summary>
        public OperandoClient(grpc::CallInvoker callInvoker) : base(callInvoker)
        {
        }

        /// <summary>Protected parameterless constructor to allow creation of test doubles.</summary>
        protected OperandoClient() : base()
        {
        }

        /// <summary>The pending sync points (optionally of one channel), then each new one as it is published.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.SyncPointMessage> WatchSyncPoints(global::OperandoRig.Protocol.V1.WatchSyncPointsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return WatchSyncPoints(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>The pending sync points (optionally of one channel), then each new one as it is published.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.SyncPointMessage> WatchSyncPoints(global::OperandoRig.Protocol.V1.WatchSyncPointsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncServerStreamingCall(__Method_WatchSyncPoints, null, options, request);
        }

        /// <summary>The sync points waiting for an acknowledgement now.</summary>
        public virtual global::OperandoRig.Protocol.V1.ListSyncPointsReply ListSyncPoints(global::OperandoRig.Protocol.V1.ListSyncPointsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return ListSyncPoints(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>The sync points waiting for an acknowledgement now.</summary>
        public virtual global::OperandoRig.Protocol.V1.ListSyncPointsReply ListSyncPoints(global::OperandoRig.Protocol.V1.ListSyncPointsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_ListSyncPoints, null, options, request);
        }

        /// <summary>The sync points waiting for an acknowledgement now.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ListSyncPointsReply> ListSyncPointsAsync(global::OperandoRig.Protocol.V1.ListSyncPointsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return ListSyncPointsAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>The sync points waiting for an acknowledgement now.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ListSyncPointsReply> ListSyncPointsAsync(global::OperandoRig.Protocol.V1.ListSyncPointsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_ListSyncPoints, null, options, request);
        }

        /// <summary>Acknowledges a sync point: the held cell's plan goes on.</summary>
        public virtual global::OperandoRig.Protocol.V1.AcknowledgeSyncReply AcknowledgeSync(global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return AcknowledgeSync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Acknowledges a sync point: the held cell's plan goes on.</summary>
        public virtual global::OperandoRig.Protocol.V1.AcknowledgeSyncReply AcknowledgeSync(global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_AcknowledgeSync, null, options, request);
        }

        /// <summary>Acknowledges a sync point: the held cell's plan goes on.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.AcknowledgeSyncReply> AcknowledgeSyncAsync(global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return AcknowledgeSyncAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Acknowledges a sync point: the held cell's plan goes on.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.AcknowledgeSyncReply> AcknowledgeSyncAsync(global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_AcknowledgeSync, null, options, request);
        }

    }

    /// <summary>Register service method with a service binder with or without implementation. Useful when customizing the service binding logic.
    /// Note: this method is part of an experimental API that can change or be removed without any prior notice.</summary>
    /// <param name="serviceBinder">Service methods will be bound by calling <c>AddMethod</c> on this object.</param>
    /// <param name="serviceImpl">An object implementing the server-side handling logic.</param>
    public static void BindService(grpc::ServiceBinderBase serviceBinder, OperandoBase serviceImpl)
    {
        serviceBinder.AddMethod(__Method_WatchSyncPoints, serviceImpl == null ? null : new grpc::ServerStreamingServerMethod<global::OperandoRig.Protocol.V1.WatchSyncPointsRequest, global::OperandoRig.Protocol.V1.SyncPointMessage>(serviceImpl.WatchSyncPoints));
        serviceBinder.AddMethod(__Method_ListSyncPoints, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.ListSyncPointsRequest, global::OperandoRig.Protocol.V1.ListSyncPointsReply>(serviceImpl.ListSyncPoints));
        serviceBinder.AddMethod(__Method_AcknowledgeSync, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.AcknowledgeSyncRequest, global::OperandoRig.Protocol.V1.AcknowledgeSyncReply>(serviceImpl.AcknowledgeSync));
    }
}
