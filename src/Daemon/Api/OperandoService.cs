using OperandoRig.Daemon.Hosting;
using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Operando.Sync;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.V1;
using WireOutcome = OperandoRig.Protocol.V1.SyncOutcome;

namespace OperandoRig.Daemon.Api;

/// <summary>
/// The Operando gRPC service: external sync for beamline scripts, a thin layer over the daemon's
/// <see cref="SyncPointHub"/> (the one the operando plan started with <c>--operando</c> publishes to). A script watches
/// the sync points, measures while the cell is held, and acknowledges; the plan goes on. Late acknowledgements are
/// FAILED_PRECONDITION (the fallback was taken), unknown ids NOT_FOUND, repeated ones ALREADY_EXISTS.
/// </summary>
public sealed class OperandoService(SyncPointHub sync, RigRuntime rig) : Protocol.V1.Operando.OperandoBase
{
    /// <inheritdoc />
    public override async Task WatchSyncPoints(WatchSyncPointsRequest request, IServerStreamWriter<SyncPointMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        CheckChannel(request.ChannelId);
        if (request.MaxCount < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, FormattableString.Invariant($"max_count: {request.MaxCount} must not be negative (0 = until cancelled)")));
        }

        var sent = 0;
        await foreach (var p in sync.WatchAsync(request.ChannelId, context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(ToMessage(p), context.CancellationToken).ConfigureAwait(false);
            if (request.MaxCount > 0 && ++sent >= request.MaxCount)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override Task<ListSyncPointsReply> ListSyncPoints(ListSyncPointsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckChannel(request.ChannelId);
        var reply = new ListSyncPointsReply { ServerTimeUnixS = NowS() };
        reply.Pending.AddRange(sync.Pending.Where(p => request.ChannelId.Length == 0 || p.ChannelId == request.ChannelId).Select(ToMessage));
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task<AcknowledgeSyncReply> AcknowledgeSync(AcknowledgeSyncRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.SyncId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "sync_id: empty; send the sync_id of a watched sync point"));
        }

        var outcome = request.Outcome switch
        {
            WireOutcome.Unspecified or WireOutcome.Done => "done",
            WireOutcome.Failed => "failed",
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, $"outcome: {request.Outcome} is not one of DONE, FAILED")),
        };
        var point = sync.Find(request.SyncId);
        return sync.Acknowledge(request.SyncId, outcome, request.Message) switch
        {
            AckResult.Accepted => Task.FromResult(Reply(request.SyncId, point)),
            AckResult.Unknown => throw new RpcException(new Status(StatusCode.NotFound,
                $"sync_id: '{request.SyncId}' is not a sync point of this daemon; pending: {string.Join(", ", sync.Pending.Select(p => p.SyncId).DefaultIfEmpty("none"))}")),
            AckResult.Expired => throw new RpcException(new Status(StatusCode.FailedPrecondition, FormattableString.Invariant(
                $"sync_id: '{request.SyncId}' expired at its deadline {point!.DeadlineUnixS:F3} (Unix s, daemon clock); the plan's fallback was taken"))),
            _ => throw new RpcException(new Status(StatusCode.AlreadyExists, $"sync_id: '{request.SyncId}' was acknowledged already")),
        };
    }

    /// <summary>The wire form of a sync point, stamped with the daemon clock now.</summary>
    public SyncPointMessage ToMessage(SyncPoint p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var m = new SyncPointMessage
        {
            SyncId = p.SyncId,
            ChannelId = p.ChannelId,
            RunId = p.RunId,
            TriggerId = p.TriggerId,
            Label = p.Label,
            PublishedUnixS = p.PublishedUnixS,
            DeadlineUnixS = p.DeadlineUnixS,
            ServerTimeUnixS = NowS(),
        };
        m.Spots.AddRange(p.Spots);
        if (p.State is { } s)
        {
            m.State = new CellStateMessage
            {
                TimeUnixS = s.TimeUnixS,
                VoltageV = s.VoltageV,
                CurrentA = s.CurrentA,
                ChargeAh = s.ChargeAh,
                Soc = s.Soc,
                Cycle = s.Cycle,
                StepIndex = s.StepIndex,
                StepLabel = s.StepLabel,
            };
        }

        return m;
    }

    private AcknowledgeSyncReply Reply(string syncId, SyncPoint? point)
    {
        var at = sync.AcknowledgementOf(syncId)?.AcknowledgedUnixS ?? NowS();
        return new AcknowledgeSyncReply { SyncId = syncId, AcknowledgedUnixS = at, WaitedS = point is null ? 0 : at - point.PublishedUnixS };
    }

    private void CheckChannel(string channelId)
    {
        if (channelId.Length > 0 && rig.Runners.All(r => r.ChannelId != channelId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"channel_id: '{channelId}' is not a channel of this rig; known: {string.Join(", ", rig.Runners.Select(r => r.ChannelId))} (empty = every channel)"));
        }
    }

    private double NowS() => (sync.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;
}
