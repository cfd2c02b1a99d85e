using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Api;

/// <summary>
/// The Rig gRPC service: a thin layer over <see cref="RigRuntime"/>. Invalid protocols come back as
/// INVALID_ARGUMENT naming file, line, field and value; a busy channel or a step the device cannot run
/// as FAILED_PRECONDITION.
/// </summary>
public sealed class RigService(RigRuntime rig) : Rig.RigBase
{
    /// <inheritdoc />
    public override Task<RigInfo> GetRigInfo(GetRigInfoRequest request, ServerCallContext context)
    {
        var info = new RigInfo { RigName = rig.Config.Name, ServerTimeUnixS = ChannelRunner.UnixSeconds(rig.Time.GetUtcNow()) };
        foreach (var runner in rig.Runners)
        {
            var caps = runner.Channel.Capabilities;
            var channel = new ChannelInfo
            {
                ChannelId = runner.Channel.ChannelId,
                Driver = rig.Config.Channels.First(c => c.Id == runner.Channel.ChannelId).Driver,
                MinVoltageV = caps.VoltageRangeV.Min,
                MaxVoltageV = caps.VoltageRangeV.Max,
                MaxAbsCurrentA = caps.MaxAbsCurrentA,
                SamplePeriodS = caps.MinSamplePeriodS,
                State = runner.State.ToString(),
                RunId = runner.RunId,
            };
            channel.StepKinds.AddRange(caps.StepKinds.Select(k => k.ToString()));
            info.Channels.Add(channel);
        }

        return Task.FromResult(info);
    }

    /// <inheritdoc />
    public override async Task<StartProtocolReply> StartProtocol(StartProtocolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(request.ProtocolYaml))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "protocol_yaml: empty; send the protocol file's text"));
        }

        var source = string.IsNullOrWhiteSpace(request.SourceName) ? "<request>" : request.SourceName;
        try
        {
            var protocol = Electrochemistry.Protocols.ProtocolParser.Parse(request.ProtocolYaml, source);
            var runId = await rig.GetRunner(request.ChannelId).StartAsync(protocol, source, context.CancellationToken).ConfigureAwait(false);
            return new StartProtocolReply { RunId = runId, EstimatedDurationS = protocol.MaxDurationS ?? 0 };
        }
        catch (Exception ex) when (ex is ChannelBusyException or CapabilityException or InvalidDeviceStateException)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ex.Message));
        }
    }

    /// <inheritdoc />
    public override async Task StreamSamples(StreamSamplesRequest request, IServerStreamWriter<SampleMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var runner = rig.GetRunner(request.ChannelId);
        if (request.FromSeq < 0 || request.MaxCount < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                FormattableString.Invariant($"from_seq: {request.FromSeq} and max_count: {request.MaxCount} must not be negative")));
        }

        long sent = 0;
        await foreach (var s in rig.Hub.SubscribeAsync(runner.Channel.ChannelId, request.FromSeq, context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(ToMessage(s), context.CancellationToken).ConfigureAwait(false);
            if (request.MaxCount > 0 && ++sent >= request.MaxCount)
            {
                return;
            }
        }
    }

    /// <summary>The wire form of a stored sample.</summary>
    public static SampleMessage ToMessage(SampleRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SampleMessage
        {
            Seq = s.Seq,
            RunId = s.RunId,
            ChannelId = s.ChannelId,
            TimeUnixS = s.TimeUnixS,
            VoltageV = s.VoltageV,
            CurrentA = s.CurrentA,
            ChargeAh = s.ChargeAh,
            StepIndex = s.StepIndex,
            StepLabel = s.StepLabel,
            Cycle = s.Cycle,
            StepTimeS = s.StepTimeS,
        };
    }
}
