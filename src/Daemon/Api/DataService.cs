using Microsoft.Extensions.DependencyInjection;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Data.Influx;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.V1;
using DataGrpc = OperandoRig.Protocol.V1.Data;
using PipelineStatsMessage = OperandoRig.Protocol.V1.PipelineStats;
using SubscriberStatsMessage = OperandoRig.Protocol.V1.SubscriberStats;

namespace OperandoRig.Daemon.Api;

/// <summary>
/// The Data gRPC service: follows event streams from the hub (stored, then live, heartbeats while idle, a lag notice
/// when the follower fell behind and is served from the store) and queries the store by run, channel or stream, time
/// range and sequence range. Bad requests come back as INVALID_ARGUMENT naming the field, value and allowed range.
/// </summary>
/// <param name="rig">The running rig (store, hub, pipeline, clock).</param>
/// <param name="services">Where the InfluxDB forwarder is found when one is configured.</param>
public sealed class DataService(RigRuntime rig, IServiceProvider services) : DataGrpc.DataBase
{
    private const double DefaultHeartbeatS = 5;
    private const double MinHeartbeatS = 0.05;
    private const double MaxHeartbeatS = 3600;

    /// <summary>
    /// The clock heartbeats are timed on: real time, whatever clock the rig runs on (a heartbeat tells a client that
    /// the connection is alive, a real-time matter like its deadline); the heartbeat carries the daemon clock.
    /// </summary>
    private static readonly TimeProvider HeartbeatClock = TimeProvider.System;

    /// <inheritdoc />
    public override async Task FollowEvents(FollowEventsRequest request, IServerStreamWriter<FollowEventsReply> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(request.Stream))
        {
            throw Invalid("stream: empty; give an event stream such as '<channel>/events', 'beamline/events' or 'operando/events'");
        }

        if (request.FromSeq < 0 || request.MaxCount < 0)
        {
            throw Invalid(FormattableString.Invariant($"from_seq: {request.FromSeq} and max_count: {request.MaxCount} must not be negative"));
        }

        var heartbeatS = request.HeartbeatIntervalS == 0 ? DefaultHeartbeatS : request.HeartbeatIntervalS;
        if (!double.IsFinite(heartbeatS) || heartbeatS < MinHeartbeatS || heartbeatS > MaxHeartbeatS)
        {
            throw Invalid(FormattableString.Invariant(
                $"heartbeat_interval_s: {request.HeartbeatIntervalS} s must be 0 (default {DefaultHeartbeatS} s) or between {MinHeartbeatS} and {MaxHeartbeatS} s"));
        }

        var interval = TimeSpan.FromSeconds(heartbeatS);
        var cancellationToken = context.CancellationToken;
        var lagged = 0;
        long lastSeq = 0;
        long sent = 0;
        // The follow ends with the call, or when this method returns (max_count, a failed write): then the pending read
        // is cancelled and awaited before the subscription is disposed.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = rig.Hub.SubscribeEventsAsync(request.Stream, request.FromSeq, _ => Volatile.Write(ref lagged, 1), stop.Token);
        var enumerator = events.GetAsyncEnumerator(stop.Token);
        Task<bool>? pending = null;
        await using (enumerator.ConfigureAwait(false))
        {
            try
            {
                while (true)
                {
                    var next = enumerator.MoveNextAsync();
                    if (!next.IsCompleted)
                    {
                        // Idle: heartbeat after every interval of silence until the next event arrives.
                        pending = next.AsTask();
                        while (!pending.IsCompleted)
                        {
                            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                            var beat = Task.Delay(interval, HeartbeatClock, wait.Token);
                            if (await Task.WhenAny(pending, beat).ConfigureAwait(false) == beat && !pending.IsCompleted)
                            {
                                await WriteHeartbeatAsync(responseStream, lastSeq, lagged: false, cancellationToken).ConfigureAwait(false);
                            }

                            wait.Cancel();
                        }

                        next = new ValueTask<bool>(pending);
                        pending = null;
                    }

                    if (!await next.ConfigureAwait(false))
                    {
                        return;
                    }

                    if (Interlocked.Exchange(ref lagged, 0) == 1)
                    {
                        await WriteHeartbeatAsync(responseStream, lastSeq, lagged: true, cancellationToken).ConfigureAwait(false);
                    }

                    var e = enumerator.Current;
                    await responseStream.WriteAsync(new FollowEventsReply { Event = ToMessage(e) }, cancellationToken).ConfigureAwait(false);
                    lastSeq = e.Seq;
                    if (request.MaxCount > 0 && ++sent >= request.MaxCount)
                    {
                        return;
                    }
                }
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                if (pending is not null)
                {
                    await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
    }

    /// <inheritdoc />
    public override async Task QuerySamples(QuerySamplesRequest request, IServerStreamWriter<SampleMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var query = ToQuery(request.RunId, request.ChannelId, request.HasFromTimeUnixS ? request.FromTimeUnixS : null,
            request.HasToTimeUnixS ? request.ToTimeUnixS : null, request.FromSeq, request.ToSeq, request.Limit, "channel_id");
        await foreach (var s in rig.Store.QuerySamplesAsync(query, context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(RigService.ToMessage(s), context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override async Task QueryEvents(QueryEventsRequest request, IServerStreamWriter<EventMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var query = ToQuery(request.RunId, request.Stream, request.HasFromTimeUnixS ? request.FromTimeUnixS : null,
            request.HasToTimeUnixS ? request.ToTimeUnixS : null, request.FromSeq, request.ToSeq, request.Limit, "stream");
        await foreach (var e in rig.Store.QueryEventsAsync(query, context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(ToMessage(e), context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task<PipelineStatsMessage> GetPipelineStats(PipelineStatsRequest request, ServerCallContext context)
    {
        var p = rig.Pipeline.GetStats();
        var reply = new PipelineStatsMessage
        {
            QueueDepth = p.QueueDepth,
            MaxQueueDepth = p.MaxQueueDepth,
            Published = p.Published,
            StoredSamples = p.StoredSamples,
            StoredEvents = p.StoredEvents,
            Batches = p.Batches,
            LastBatchRecords = p.LastBatchRecords,
            MaxBatchRecords = p.MaxBatchRecords,
            StoreRetries = p.StoreRetries,
            LagFallbacks = p.LagFallbacks,
        };
        foreach (var s in rig.Hub.GetSubscriberStats())
        {
            reply.Subscribers.Add(new SubscriberStatsMessage
            {
                Kind = s.Kind,
                Stream = s.Stream,
                DeliveredSeq = s.DeliveredSeq,
                PublishedSeq = s.PublishedSeq,
                LagRecords = s.LagRecords,
                BufferDepth = s.BufferDepth,
            });
        }

        if (services.GetService<InfluxForwarder>() is { } influx)
        {
            reply.InfluxConfigured = true;
            reply.InfluxLagRecords = influx.RecordsBehind;
            reply.InfluxLagS = influx.SecondsBehind;
            reply.InfluxForwarded = influx.ForwardedRecords;
        }

        return Task.FromResult(reply);
    }

    /// <summary>The wire form of a stored event.</summary>
    public static EventMessage ToMessage(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventMessage
        {
            Seq = e.Seq,
            RunId = e.RunId,
            Stream = e.Stream,
            TimeUnixS = e.TimeUnixS,
            Kind = e.Kind,
            Message = e.Message,
            FieldsJson = e.FieldsJson,
        };
    }

    private static RecordQuery ToQuery(string runId, string stream, double? fromTime, double? toTime, long fromSeq, long toSeq, int limit, string streamField)
    {
        var query = new RecordQuery
        {
            RunId = string.IsNullOrEmpty(runId) ? null : runId,
            Stream = string.IsNullOrEmpty(stream) ? null : stream,
            FromTimeUnixS = fromTime,
            ToTimeUnixS = toTime,
            FromSeq = fromSeq == 0 ? null : fromSeq,
            ToSeq = toSeq == 0 ? null : toSeq,
            Limit = limit,
        };
        try
        {
            query.Validate(streamField);
        }
        catch (ArgumentException ex)
        {
            throw Invalid(ex.Message);
        }

        return query;
    }

    private async Task WriteHeartbeatAsync(IServerStreamWriter<FollowEventsReply> responseStream, long lastSeq, bool lagged, CancellationToken cancellationToken) =>
        await responseStream.WriteAsync(new FollowEventsReply
        {
            Heartbeat = new StreamHeartbeat { ServerTimeUnixS = ChannelRunner.UnixSeconds(rig.Time.GetUtcNow()), LastSeq = lastSeq, Lagged = lagged },
        }, cancellationToken).ConfigureAwait(false);

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
