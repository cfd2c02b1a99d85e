// Shaped exactly like the output of protoc's grpc_csharp plugin for operando/v1/data.proto, against
// OperandoRig.Protocol.Grpc instead of Grpc.Core: moving to Grpc.Tools' generated services is a namespace swap.
// The behaviour lives in the daemon (src/Daemon/Api), in a class deriving from Data.DataBase.
#pragma warning disable 0414, 1591, 8981, 0612, CA1034, CA1062, CA1707, CA1716, CA1822
#nullable enable annotations
#nullable disable warnings

using grpc = global::OperandoRig.Protocol.Grpc;

namespace OperandoRig.Protocol.V1;

/// <summary>The data service: follow event streams live (resumable by sequence number) and query stored samples and events.</summary>
public static partial class Data
{
    static readonly string __ServiceName = "operando.v1.Data";

    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.FollowEventsRequest> __Marshaller_operando_v1_FollowEventsRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.FollowEventsRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.FollowEventsReply> __Marshaller_operando_v1_FollowEventsReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.FollowEventsReply.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.QuerySamplesRequest> __Marshaller_operando_v1_QuerySamplesRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.QuerySamplesRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.SampleMessage> __Marshaller_operando_v1_SampleMessage = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.SampleMessage.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.QueryEventsRequest> __Marshaller_operando_v1_QueryEventsRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.QueryEventsRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.EventMessage> __Marshaller_operando_v1_EventMessage = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.EventMessage.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.PipelineStatsRequest> __Marshaller_operando_v1_PipelineStatsRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.PipelineStatsRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.PipelineStats> __Marshaller_operando_v1_PipelineStats = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.PipelineStats.Parser.ParseFrom);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.FollowEventsRequest, global::OperandoRig.Protocol.V1.FollowEventsReply> __Method_FollowEvents = new grpc::Method<global::OperandoRig.Protocol.V1.FollowEventsRequest, global::OperandoRig.Protocol.V1.FollowEventsReply>(
        grpc::MethodType.ServerStreaming,
        __ServiceName,
        "FollowEvents",
        __Marshaller_operando_v1_FollowEventsRequest,
        __Marshaller_operando_v1_FollowEventsReply);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.QuerySamplesRequest, global::OperandoRig.Protocol.V1.SampleMessage> __Method_QuerySamples = new grpc::Method<global::OperandoRig.Protocol.V1.QuerySamplesRequest, global::OperandoRig.Protocol.V1.SampleMessage>(
        grpc::MethodType.ServerStreaming,
        __ServiceName,
        "QuerySamples",
        __Marshaller_operando_v1_QuerySamplesRequest,
        __Marshaller_operando_v1_SampleMessage);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.QueryEventsRequest, global::OperandoRig.Protocol.V1.EventMessage> __Method_QueryEvents = new grpc::Method<global::OperandoRig.Protocol.V1.QueryEventsRequest, global::OperandoRig.Protocol.V1.EventMessage>(
        grpc::MethodType.ServerStreaming,
        __ServiceName,
        "QueryEvents",
        __Marshaller_operando_v1_QueryEventsRequest,
        __Marshaller_operando_v1_EventMessage);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.PipelineStatsRequest, global::OperandoRig.Protocol.V1.PipelineStats> __Method_GetPipelineStats = new grpc::Method<global::OperandoRig.Protocol.V1.PipelineStatsRequest, global::OperandoRig.Protocol.V1.PipelineStats>(
        grpc::MethodType.Unary,
        __ServiceName,
        "GetPipelineStats",
        __Marshaller_operando_v1_PipelineStatsRequest,
        __Marshaller_operando_v1_PipelineStats);

    /// <summary>Service descriptor</summary>
    public static global::Google.Protobuf.Reflection.ServiceDescriptor Descriptor
    {
        get { return global::OperandoRig.Protocol.V1.DataReflection.Descriptor.Services[0]; }
    }

    /// <summary>Base class for server-side implementations of Data</summary>
    [grpc::BindServiceMethod(typeof(Data), "BindService")]
    public abstract partial class DataBase
    {
        /// <summary>Follows an event stream: the stored events from `from_seq`, then live ones, with heartbeats while idle.</summary>
        public virtual global::System.Threading.Tasks.Task FollowEvents(global::OperandoRig.Protocol.V1.FollowEventsRequest request, grpc::IServerStreamWriter<global::OperandoRig.Protocol.V1.FollowEventsReply> responseStream, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Stored samples of a run and/or channel within a time and sequence range, in (channel, seq) order.</summary>
        public virtual global::System.Threading.Tasks.Task QuerySamples(global::OperandoRig.Protocol.V1.QuerySamplesRequest request, grpc::IServerStreamWriter<global::OperandoRig.Protocol.V1.SampleMessage> responseStream, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>Stored events of a run and/or stream within a time and sequence range, in (stream, seq) order.</summary>
        public virtual global::System.Threading.Tasks.Task QueryEvents(global::OperandoRig.Protocol.V1.QueryEventsRequest request, grpc::IServerStreamWriter<global::OperandoRig.Protocol.V1.EventMessage> responseStream, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>The pipeline's figures: queue depth, storage batches, live subscribers and their lag.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.PipelineStats> GetPipelineStats(global::OperandoRig.Protocol.V1.PipelineStatsRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }
    }

    /// <summary>Client for Data</summary>
    public partial class DataClient : grpc::ClientBase<DataClient>
    {
        /// <summary>Creates a new client for Data</summary>
        public DataClient(grpc::ChannelBase channel) : base(channel)
        {
        }

        /// <summary>Creates a new client for Data that uses a custom <c>CallInvoker</c>.</summary>
        public DataClient(grpc::CallInvoker callInvoker) : base(callInvoker)
        {
        }

        /// <summary>Protected parameterless constructor to allow creation of test doubles.</summary>
        protected DataClient() : base()
        {
        }

        /// <summary>Follows an event stream: the stored events from `from_seq`, then live ones, with heartbeats while idle.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.FollowEventsReply> FollowEvents(global::OperandoRig.Protocol.V1.FollowEventsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return FollowEvents(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Follows an event stream: the stored events from `from_seq`, then live ones, with heartbeats while idle.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.FollowEventsReply> FollowEvents(global::OperandoRig.Protocol.V1.FollowEventsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncServerStreamingCall(__Method_FollowEvents, null, options, request);
        }

        /// <summary>Stored samples of a run and/or channel within a time and sequence range, in (channel, seq) order.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.SampleMessage> QuerySamples(global::OperandoRig.Protocol.V1.QuerySamplesRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return QuerySamples(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Stored samples of a run and/or channel within a time and sequence range, in (channel, seq) order.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.SampleMessage> QuerySamples(global::OperandoRig.Protocol.V1.QuerySamplesRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncServerStreamingCall(__Method_QuerySamples, null, options, request);
        }

        /// <summary>Stored events of a run and/or stream within a time and sequence range, in (stream, seq) order.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.EventMessage> QueryEvents(global::OperandoRig.Protocol.V1.QueryEventsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return QueryEvents(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>Stored events of a run and/or stream within a time and sequence range, in (stream, seq) order.</summary>
        public virtual grpc::AsyncServerStreamingCall<global::OperandoRig.Protocol.V1.EventMessage> QueryEvents(global::OperandoRig.Protocol.V1.QueryEventsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncServerStreamingCall(__Method_QueryEvents, null, options, request);
        }

        /// <summary>The pipeline's figures: queue depth, storage batches, live subscribers and their lag.</summary>
        public virtual global::OperandoRig.Protocol.V1.PipelineStats GetPipelineStats(global::OperandoRig.Protocol.V1.PipelineStatsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetPipelineStats(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>The pipeline's figures: queue depth, storage batches, live subscribers and their lag.</summary>
        public virtual global::OperandoRig.Protocol.V1.PipelineStats GetPipelineStats(global::OperandoRig.Protocol.V1.PipelineStatsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_GetPipelineStats, null, options, request);
        }

        /// <summary>The pipeline's figures: queue depth, storage batches, live subscribers and their lag.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.PipelineStats> GetPipelineStatsAsync(global::OperandoRig.Protocol.V1.PipelineStatsRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetPipelineStatsAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>The pipeline's figures: queue depth, storage batches, live subscribers and their lag.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.PipelineStats> GetPipelineStatsAsync(global::OperandoRig.Protocol.V1.PipelineStatsRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_GetPipelineStats, null, options, request);
        }
    }

    /// <summary>Register service method with a service binder with or without implementation. Useful when customizing the service binding logic.
    /// Note: this method is part of an experimental API that can change or be removed without any prior notice.</summary>
    /// <param name="serviceBinder">Service methods will be bound by calling <c>AddMethod</c> on this object.</param>
    /// <param name="serviceImpl">An object implementing the server-side handling logic.</param>
    public static void BindService(grpc::ServiceBinderBase serviceBinder, DataBase serviceImpl)
    {
        serviceBinder.AddMethod(__Method_FollowEvents, serviceImpl == null ? null : new grpc::ServerStreamingServerMethod<global::OperandoRig.Protocol.V1.FollowEventsRequest, global::OperandoRig.Protocol.V1.FollowEventsReply>(serviceImpl.FollowEvents));
        serviceBinder.AddMethod(__Method_QuerySamples, serviceImpl == null ? null : new grpc::ServerStreamingServerMethod<global::OperandoRig.Protocol.V1.QuerySamplesRequest, global::OperandoRig.Protocol.V1.SampleMessage>(serviceImpl.QuerySamples));
        serviceBinder.AddMethod(__Method_QueryEvents, serviceImpl == null ? null : new grpc::ServerStreamingServerMethod<global::OperandoRig.Protocol.V1.QueryEventsRequest, global::OperandoRig.Protocol.V1.EventMessage>(serviceImpl.QueryEvents));
        serviceBinder.AddMethod(__Method_GetPipelineStats, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.PipelineStatsRequest, global::OperandoRig.Protocol.V1.PipelineStats>(serviceImpl.GetPipelineStats));
    }
}
