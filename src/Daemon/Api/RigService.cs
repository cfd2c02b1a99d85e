using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;
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
                Safety = new SafetyLimitsMessage
                {
                    MinVoltageV = runner.SafetyLimits.VoltageV.Min,
                    MaxVoltageV = runner.SafetyLimits.VoltageV.Max,
                    MaxAbsCurrentA = runner.SafetyLimits.MaxAbsCurrentA,
                    MaxSilenceS = runner.SafetyLimits.MaxSilenceS ?? 0,
                    MinTemperatureC = runner.SafetyLimits.TemperatureC?.Min ?? double.NaN,
                    MaxTemperatureC = runner.SafetyLimits.TemperatureC?.Max ?? double.NaN,
                    ShortCircuitDetection = runner.SafetyLimits.ShortCircuit is not null,
                },
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
            var protocol = ProtocolParser.Parse(request.ProtocolYaml, source);
            var runner = rig.GetRunner(request.ChannelId);
            var runId = await runner.StartAsync(protocol, source, context.CancellationToken).ConfigureAwait(false);
            var report = runner.Report!; // the check StartAsync made; the channel cannot start another run before this one ends
            return new StartProtocolReply { RunId = runId, EstimatedDurationS = report.Duration.MaxS ?? 0, Check = ToMessage(report) };
        }
        catch (Exception ex) when (ex is ChannelBusyException or CapabilityException or InvalidDeviceStateException)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ex.Message));
        }
    }

    /// <inheritdoc />
    public override Task<ProtocolCheckReply> CheckProtocol(StartProtocolRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.ProtocolYaml))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "protocol_yaml: empty; send the protocol file's text"));
        }

        var source = string.IsNullOrWhiteSpace(request.SourceName) ? "<request>" : request.SourceName;
        var protocol = ProtocolParser.Parse(request.ProtocolYaml, source);
        return Task.FromResult(ToMessage(rig.GetRunner(request.ChannelId).Check(protocol, source)));
    }

    /// <summary>The wire form of a protocol check.</summary>
    public static ProtocolCheckReply ToMessage(ProtocolReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reply = new ProtocolCheckReply
        {
            ChannelId = report.ChannelId,
            ExpectedDurationS = report.Duration.ExpectedS,
            MinDurationS = report.Duration.MinS,
            MaxDurationS = report.Duration.MaxS ?? 0,
            RunsInSegments = !report.IsLinear,
            Report = report.ToString(),
        };
        foreach (var step in report.Steps)
        {
            reply.Conditions.AddRange(step.Conditions.Select(c => new ConditionPlacementMessage
            {
                Field = step.Field,
                Line = step.SourceLine,
                Label = step.Label,
                Condition = c.Text,
                RunsOn = c.RunsOn switch
                {
                    ConditionRunsOn.Device => "device",
                    ConditionRunsOn.DeviceComputedThreshold => "device_computed_threshold",
                    _ => "daemon",
                },
                LatencyS = c.LatencyS,
                How = c.How,
            }));
        }

        reply.Control.AddRange(report.Control);
        reply.EstimateMethod.AddRange(report.Duration.Method);
        return reply;
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

    /// <inheritdoc />
    public override async Task<ChannelStatusMessage> ControlRun(ControlRunRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var runner = rig.GetRunner(request.ChannelId);
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? "requested over gRPC" : request.Reason;
        if (request.Action != RunControlAction.Pause && request.Hold != HoldPolicyKind.Unspecified)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"hold: {request.Hold} applies to PAUSE only; action was {request.Action}"));
        }

        try
        {
            var ct = context.CancellationToken;
            await (request.Action switch
            {
                RunControlAction.Pause => runner.PauseAsync(ToHoldPolicy(request.Hold), reason, ct),
                RunControlAction.Resume => runner.ResumeAsync(reason, ct),
                RunControlAction.Stop => runner.StopAsync(reason, ct),
                RunControlAction.Abort => runner.AbortAsync(reason, ct),
                RunControlAction.Halt => runner.HaltAsync(reason, ct),
                _ => throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"action: {request.Action} is not an action; allowed: PAUSE, RESUME, STOP, ABORT, HALT")),
            }).ConfigureAwait(false);
        }
        catch (InvalidRunStateException ex)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, ex.Message));
        }

        return ToMessage(runner.GetStatus());
    }

    /// <inheritdoc />
    public override Task<ChannelStatusMessage> GetChannelStatus(GetChannelStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(ToMessage(rig.GetRunner(request.ChannelId).GetStatus()));
    }

    /// <summary>The wire form of a channel's status.</summary>
    public static ChannelStatusMessage ToMessage(ChannelStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var c = status.Counters;
        return new ChannelStatusMessage
        {
            ChannelId = status.ChannelId,
            RunId = status.RunId,
            State = status.State.ToString(),
            EndReason = status.EndReason,
            Hold = status.Hold switch
            {
                HoldPolicy.OpenCircuit => HoldPolicyKind.OpenCircuit,
                HoldPolicy.HoldVoltage => HoldPolicyKind.HoldVoltage,
                HoldPolicy.KeepCurrent => HoldPolicyKind.KeepCurrent,
                _ => HoldPolicyKind.Unspecified,
            },
            StepLabel = status.StepLabel,
            StepIndex = c.StepIndex,
            StepNumber = c.StepNumber,
            Cycle = c.Cycle,
            SampleCount = c.SampleCount,
            Step = ToMessage(c.Step),
            CycleTally = ToMessage(c.CycleTally),
            Total = ToMessage(c.Total),
            VoltageV = status.LastVoltageV,
            CurrentA = status.LastCurrentA,
            StepTimeS = status.LastStepTimeS,
        };
    }

    private static ChargeTallyMessage ToMessage(ChargeTally t) =>
        new() { ChargeAh = t.ChargeAh, DischargeAh = t.DischargeAh, ChargeWh = t.ChargeWh, DischargeWh = t.DischargeWh };

    private static HoldPolicy ToHoldPolicy(HoldPolicyKind kind) => kind switch
    {
        HoldPolicyKind.Unspecified or HoldPolicyKind.OpenCircuit => HoldPolicy.OpenCircuit,
        HoldPolicyKind.HoldVoltage => HoldPolicy.HoldVoltage,
        HoldPolicyKind.KeepCurrent => HoldPolicy.KeepCurrent,
        _ => throw new RpcException(new Status(StatusCode.InvalidArgument,
            $"hold: {kind} is not a hold policy; allowed: OPEN_CIRCUIT, HOLD_VOLTAGE, KEEP_CURRENT")),
    };

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
            TemperatureC = s.TemperatureC,
        };
    }
}
