// Shaped exactly like the output of protoc's grpc_csharp plugin for operando/v1/analytics.proto, against
// OperandoRig.Protocol.Grpc instead of Grpc.Core: moving to Grpc.Tools' generated services is a namespace swap.
// The behaviour lives in the daemon (src/Daemon/Api), in a class deriving from Analytics.AnalyticsBase.
#pragma warning disable 0414, 1591, 8981, 0612, CA1034, CA1062, CA1707, CA1716, CA1822
#nullable enable annotations
#nullable disable warnings

using grpc = global::OperandoRig.Protocol.Grpc;

namespace OperandoRig.Protocol.V1;

/// <summary>Per-cycle analytics of a stored run, computed on request from the embedded store.</summary>
public static partial class Analytics
{
    static readonly string __ServiceName = "operando.v1.Analytics";
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.CycleSummariesRequest> __Marshaller_operando_v1_CycleSummariesRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.CycleSummariesRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.CycleSummariesReply> __Marshaller_operando_v1_CycleSummariesReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.CycleSummariesReply.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.DifferentialCapacityRequest> __Marshaller_operando_v1_DifferentialCapacityRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.DifferentialCapacityRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.DifferentialCapacityReply> __Marshaller_operando_v1_DifferentialCapacityReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.DifferentialCapacityReply.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest> __Marshaller_operando_v1_ImpedanceSpectraRequest = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest.Parser.ParseFrom);
    static readonly grpc::Marshaller<global::OperandoRig.Protocol.V1.ImpedanceSpectraReply> __Marshaller_operando_v1_ImpedanceSpectraReply = grpc::Marshallers.Create((arg) => global::Google.Protobuf.MessageExtensions.ToByteArray(arg), global::OperandoRig.Protocol.V1.ImpedanceSpectraReply.Parser.ParseFrom);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.CycleSummariesRequest, global::OperandoRig.Protocol.V1.CycleSummariesReply> __Method_GetCycleSummaries = new grpc::Method<global::OperandoRig.Protocol.V1.CycleSummariesRequest, global::OperandoRig.Protocol.V1.CycleSummariesReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "GetCycleSummaries",
        __Marshaller_operando_v1_CycleSummariesRequest,
        __Marshaller_operando_v1_CycleSummariesReply);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.DifferentialCapacityRequest, global::OperandoRig.Protocol.V1.DifferentialCapacityReply> __Method_GetDifferentialCapacity = new grpc::Method<global::OperandoRig.Protocol.V1.DifferentialCapacityRequest, global::OperandoRig.Protocol.V1.DifferentialCapacityReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "GetDifferentialCapacity",
        __Marshaller_operando_v1_DifferentialCapacityRequest,
        __Marshaller_operando_v1_DifferentialCapacityReply);

    static readonly grpc::Method<global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest, global::OperandoRig.Protocol.V1.ImpedanceSpectraReply> __Method_GetImpedanceSpectra = new grpc::Method<global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest, global::OperandoRig.Protocol.V1.ImpedanceSpectraReply>(
        grpc::MethodType.Unary,
        __ServiceName,
        "GetImpedanceSpectra",
        __Marshaller_operando_v1_ImpedanceSpectraRequest,
        __Marshaller_operando_v1_ImpedanceSpectraReply);

    /// <summary>Service descriptor</summary>
    public static global::Google.Protobuf.Reflection.ServiceDescriptor Descriptor
    {
        get { return global::OperandoRig.Protocol.V1.AnalyticsReflection.Descriptor.Services[0]; }
    }

    /// <summary>Base class for server-side implementations of Analytics</summary>
    [grpc::BindServiceMethod(typeof(Analytics), "BindService")]
    public abstract partial class AnalyticsBase
    {
        /// <summary>One summary per cycle of the run, in cycle order.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.CycleSummariesReply> GetCycleSummaries(global::OperandoRig.Protocol.V1.CycleSummariesRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>dQ/dV of one cycle's charge or discharge, by voltage binning (the area is the half-cycle's capacity).</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.DifferentialCapacityReply> GetDifferentialCapacity(global::OperandoRig.Protocol.V1.DifferentialCapacityRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }

        /// <summary>The run's impedance sweeps, in step order: each with its points, the cell state at its start and end and the equivalent-circuit fit stored with it.</summary>
        public virtual global::System.Threading.Tasks.Task<global::OperandoRig.Protocol.V1.ImpedanceSpectraReply> GetImpedanceSpectra(global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest request, grpc::ServerCallContext context)
        {
            throw new grpc::RpcException(new grpc::Status(grpc::StatusCode.Unimplemented, ""));
        }
    }

    /// <summary>Client for Analytics</summary>
    public partial class AnalyticsClient : grpc::ClientBase<AnalyticsClient>
    {
        /// <summary>Creates a new client for Analytics</summary>
        public AnalyticsClient(grpc::ChannelBase channel) : base(channel)
        {
        }

        /// <summary>Creates a new client for Analytics that uses a custom <c>CallInvoker</c>.</summary>
        public AnalyticsClient(grpc::CallInvoker callInvoker) : base(callInvoker)
        {
        }

        /// <summary>Protected parameterless constructor to allow creation of test doubles.</summary>
        protected AnalyticsClient() : base()
        {
        }

        /// <summary>One summary per cycle of the run, in cycle order.</summary>
        public virtual global::OperandoRig.Protocol.V1.CycleSummariesReply GetCycleSummaries(global::OperandoRig.Protocol.V1.CycleSummariesRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetCycleSummaries(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>One summary per cycle of the run, in cycle order.</summary>
        public virtual global::OperandoRig.Protocol.V1.CycleSummariesReply GetCycleSummaries(global::OperandoRig.Protocol.V1.CycleSummariesRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_GetCycleSummaries, null, options, request);
        }

        /// <summary>One summary per cycle of the run, in cycle order.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.CycleSummariesReply> GetCycleSummariesAsync(global::OperandoRig.Protocol.V1.CycleSummariesRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetCycleSummariesAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>One summary per cycle of the run, in cycle order.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.CycleSummariesReply> GetCycleSummariesAsync(global::OperandoRig.Protocol.V1.CycleSummariesRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_GetCycleSummaries, null, options, request);
        }

        /// <summary>dQ/dV of one cycle's charge or discharge, by voltage binning (the area is the half-cycle's capacity).</summary>
        public virtual global::OperandoRig.Protocol.V1.DifferentialCapacityReply GetDifferentialCapacity(global::OperandoRig.Protocol.V1.DifferentialCapacityRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetDifferentialCapacity(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>dQ/dV of one cycle's charge or discharge, by voltage binning (the area is the half-cycle's capacity).</summary>
        public virtual global::OperandoRig.Protocol.V1.DifferentialCapacityReply GetDifferentialCapacity(global::OperandoRig.Protocol.V1.DifferentialCapacityRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_GetDifferentialCapacity, null, options, request);
        }

        /// <summary>dQ/dV of one cycle's charge or discharge, by voltage binning (the area is the half-cycle's capacity).</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.DifferentialCapacityReply> GetDifferentialCapacityAsync(global::OperandoRig.Protocol.V1.DifferentialCapacityRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetDifferentialCapacityAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>dQ/dV of one cycle's charge or discharge, by voltage binning (the area is the half-cycle's capacity).</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.DifferentialCapacityReply> GetDifferentialCapacityAsync(global::OperandoRig.Protocol.V1.DifferentialCapacityRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_GetDifferentialCapacity, null, options, request);
        }

        /// <summary>The run's impedance sweeps, in step order: each with its points, the cell state at its start and end and the equivalent-circuit fit stored with it.</summary>
        public virtual global::OperandoRig.Protocol.V1.ImpedanceSpectraReply GetImpedanceSpectra(global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetImpedanceSpectra(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>The run's impedance sweeps, in step order: each with its points, the cell state at its start and end and the equivalent-circuit fit stored with it.</summary>
        public virtual global::OperandoRig.Protocol.V1.ImpedanceSpectraReply GetImpedanceSpectra(global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest request, grpc::CallOptions options)
        {
            return CallInvoker.BlockingUnaryCall(__Method_GetImpedanceSpectra, null, options, request);
        }

        /// <summary>The run's impedance sweeps, in step order: each with its points, the cell state at its start and end and the equivalent-circuit fit stored with it.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ImpedanceSpectraReply> GetImpedanceSpectraAsync(global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest request, grpc::Metadata headers = null, global::System.DateTime? deadline = null, global::System.Threading.CancellationToken cancellationToken = default(global::System.Threading.CancellationToken))
        {
            return GetImpedanceSpectraAsync(request, new grpc::CallOptions(headers, deadline, cancellationToken));
        }

        /// <summary>The run's impedance sweeps, in step order: each with its points, the cell state at its start and end and the equivalent-circuit fit stored with it.</summary>
        public virtual grpc::AsyncUnaryCall<global::OperandoRig.Protocol.V1.ImpedanceSpectraReply> GetImpedanceSpectraAsync(global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest request, grpc::CallOptions options)
        {
            return CallInvoker.AsyncUnaryCall(__Method_GetImpedanceSpectra, null, options, request);
        }
    }

    /// <summary>Register service method with a service binder with or without implementation. Useful when customizing the service binding logic.
    /// Note: this method is part of an experimental API that can change or be removed without any prior notice.</summary>
    /// <param name="serviceBinder">Service methods will be bound by calling <c>AddMethod</c> on this object.</param>
    /// <param name="serviceImpl">An object implementing the server-side handling logic.</param>
    public static void BindService(grpc::ServiceBinderBase serviceBinder, AnalyticsBase serviceImpl)
    {
        serviceBinder.AddMethod(__Method_GetCycleSummaries, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.CycleSummariesRequest, global::OperandoRig.Protocol.V1.CycleSummariesReply>(serviceImpl.GetCycleSummaries));
        serviceBinder.AddMethod(__Method_GetDifferentialCapacity, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.DifferentialCapacityRequest, global::OperandoRig.Protocol.V1.DifferentialCapacityReply>(serviceImpl.GetDifferentialCapacity));
        serviceBinder.AddMethod(__Method_GetImpedanceSpectra, serviceImpl == null ? null : new grpc::UnaryServerMethod<global::OperandoRig.Protocol.V1.ImpedanceSpectraRequest, global::OperandoRig.Protocol.V1.ImpedanceSpectraReply>(serviceImpl.GetImpedanceSpectra));
    }
}
