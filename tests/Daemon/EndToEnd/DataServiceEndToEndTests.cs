using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Daemon.Tests.Api;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;
using DataGrpc = OperandoRig.Protocol.V1.Data;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// The Data service on a whole daemon: a stock Python grpcio client follows an event stream while it is written,
/// disconnects and resumes from its last sequence number (no gap, no duplicate, idle heartbeats), and queries a run's
/// samples and events by run, channel, time and sequence range; C# follow with a lag notice and bad requests.
/// </summary>
[TestClass]
public sealed class DataServiceEndToEndTests
{
    [TestMethod]
    public async Task FollowEvents_PythonClientDisconnectsAndResumes_NoGapNoDuplicateThenIdleHeartbeat()
    {
        using var python = await PythonInterop.PrepareAsync(CancellationToken.None);
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        var rig = daemon.App.Services.GetRequiredService<RigRuntime>();
        const int total = 3000;

        // Events are written while the client follows, disconnects and resumes: 30 every 10 ms.
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(async () =>
        {
            for (var i = 1; i <= total; i++)
            {
                rig.Pipeline.PublishEvent(EventRecord.Create("run-x", "test/events", i, "test.tick", $"e{i}",
                    new Dictionary<string, string> { ["i"] = i.ToString(CultureInfo.InvariantCulture) }));
                if (i % 30 == 0)
                {
                    await Task.Delay(10, stop.Token);
                }
            }
        });

        var result = await python.RunCaseAsync(new Uri(daemon.Address).Authority, "follow-resume",
            ["--stream", "test/events", "--count", "3000", "--first", "700", "--heartbeat-s", "0.2"], CancellationToken.None);
        await producer;

        Assert.AreEqual(0, result.ExitCode, result.Describe());
        Assert.AreEqual("3000", result.Figures["received"]);
        Assert.AreEqual("701", result.Figures["resumed_from"]);
        Assert.AreEqual("0", result.Figures["duplicates"]);
        Assert.AreEqual("0", result.Figures["gaps"]);
        Assert.AreEqual("3000", result.Figures["idle_last_seq"]);
        Assert.AreEqual("3000", result.Figures["last_field_i"]);
    }

    [TestMethod]
    public async Task QuerySamplesAndEvents_PythonClient_ByRunChannelTimeAndSequence()
    {
        using var python = await PythonInterop.PrepareAsync(CancellationToken.None);
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);

        var result = await python.RunCaseAsync(new Uri(daemon.Address).Authority, "query", ["--count", "141"], CancellationToken.None);

        Assert.AreEqual(0, result.ExitCode, result.Describe());
        Assert.AreEqual("21", result.Figures["window"]);
        Assert.AreEqual("10", result.Figures["timed"], "t0+10 .. t0+19.5 at 1 s holds ten samples");
        StringAssert.StartsWith(result.Figures["states"], "Running");
        StringAssert.Contains(result.Figures["refused"], "to_seq: 20 is below from_seq 40");
    }

    [TestMethod]
    public async Task FollowEvents_SlowFollowerOverflowsItsBuffer_GetsALaggedHeartbeatThenEveryEventFromTheStore()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 1);
        var rig = daemon.App.Services.GetRequiredService<RigRuntime>();
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new DataGrpc.DataClient(channel);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var call = client.FollowEvents(new FollowEventsRequest { Stream = "burst/events", FromSeq = 1, HeartbeatIntervalS = 0.1 }, cancellationToken: cts.Token);

        // Wait until the follow is live (an idle heartbeat), then write far more than a subscriber buffer (8192 records)
        // plus what HTTP/2 flow control lets the client take unread (at most 16 MB): 40 000 events of 1 kB.
        Assert.IsTrue(await call.ResponseStream.MoveNext(cts.Token));
        Assert.AreEqual(FollowEventsReply.ItemOneofCase.Heartbeat, call.ResponseStream.Current.ItemCase);
        const int total = 40_000;
        var text = new string('x', 1000);
        for (var i = 1; i <= total; i++)
        {
            rig.Pipeline.PublishEvent(EventRecord.Create("", "burst/events", i, "k", text));
        }

        var seqs = new List<long>();
        var lagged = 0;
        while (seqs.Count < total && await call.ResponseStream.MoveNext(cts.Token))
        {
            var reply = call.ResponseStream.Current;
            if (reply.ItemCase == FollowEventsReply.ItemOneofCase.Event)
            {
                seqs.Add(reply.Event.Seq);
                if (seqs.Count == 10)
                {
                    await rig.Pipeline.FlushAsync(cts.Token); // a reader that stalls until the whole burst is stored and offered to it
                }
            }
            else if (reply.Heartbeat.Lagged)
            {
                lagged++;
                Assert.AreEqual(seqs.Count == 0 ? 0 : seqs[^1], reply.Heartbeat.LastSeq, "the lag notice names the last event sent");
            }
        }

        CollectionAssert.AreEqual(Enumerable.Range(1, total).Select(i => (long)i).ToArray(), seqs.ToArray());
        Assert.IsGreaterThan(0, lagged, "the follower was told it fell behind");
        var stats = await client.GetPipelineStatsAsync(new PipelineStatsRequest());
        Assert.IsGreaterThan(0, stats.LagFallbacks);
        Assert.AreEqual(total, stats.StoredEvents, "no protocol runs: the burst is every stored event");
    }

    [TestMethod]
    public async Task FollowEventsAndQueryEvents_StoredEvents_MaxCountEndsTheFollowAndQueriesSelectByRange()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 1);
        var rig = daemon.App.Services.GetRequiredService<RigRuntime>();
        for (var i = 1; i <= 10; i++)
        {
            rig.Pipeline.PublishEvent(EventRecord.Create("run-q", "q/events", 100 + i, "k", $"e{i}"));
        }

        await rig.Pipeline.FlushAsync(CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new DataGrpc.DataClient(channel);

        var followed = new List<long>();
        using (var call = client.FollowEvents(new FollowEventsRequest { Stream = "q/events", FromSeq = 4, MaxCount = 5 }))
        {
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                followed.Add(reply.Event.Seq);
            }
        }

        var queried = new List<EventMessage>();
        using (var call = client.QueryEvents(new QueryEventsRequest { RunId = "run-q", FromTimeUnixS = 103, ToTimeUnixS = 106, ToSeq = 5 }))
        {
            await foreach (var e in call.ResponseStream.ReadAllAsync())
            {
                queried.Add(e);
            }
        }

        CollectionAssert.AreEqual(new long[] { 4, 5, 6, 7, 8 }, followed.ToArray(), "five events from seq 4, then the call ends");
        CollectionAssert.AreEqual(new[] { "e3", "e4", "e5" }, queried.Select(e => e.Message).ToArray());
        Assert.IsTrue(queried.All(e => e.Stream == "q/events" && e.Kind == "k" && e.FieldsJson == "{}"));
    }

    [TestMethod]
    public async Task DataService_BadRequests_InvalidArgumentNamingTheField()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 1);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new DataGrpc.DataClient(channel);

        async Task<RpcException> Fails<T>(AsyncServerStreamingCall<T> call)
        {
            using (call)
            {
                return await Assert.ThrowsExactlyAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));
            }
        }

        var noStream = await Fails(client.FollowEvents(new FollowEventsRequest()));
        Assert.AreEqual(StatusCode.InvalidArgument, noStream.StatusCode);
        StringAssert.Contains(noStream.Status.Detail, "stream: empty");
        var heartbeat = await Fails(client.FollowEvents(new FollowEventsRequest { Stream = "ch1/events", HeartbeatIntervalS = 0.001 }));
        StringAssert.Contains(heartbeat.Status.Detail, "heartbeat_interval_s: 0.001 s must be 0");
        var query = await Fails(client.QuerySamples(new QuerySamplesRequest()));
        Assert.AreEqual(StatusCode.InvalidArgument, query.StatusCode);
        StringAssert.Contains(query.Status.Detail, "run_id and channel_id: both empty");
        var time = await Fails(client.QueryEvents(new QueryEventsRequest { Stream = "ch1/events", FromTimeUnixS = 10, ToTimeUnixS = 5 }));
        StringAssert.Contains(time.Status.Detail, "to_time_unix_s: 5 is before from_time_unix_s 10");
    }
}
