using Microsoft.Data.Sqlite;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// The walking skeleton through every layer: YAML protocol → simulated channel → SQLite → gRPC
/// stream → client, with counts, timestamps and charge checked against the protocol.
/// </summary>
[TestClass]
public sealed class SkeletonEndToEndTests
{
    // 20 s rest, 60 s charge at 1 mA, 60 s discharge at 1 mA, sampled every second: the start
    // sample plus one per second = 1 + 20 + 60 + 60 samples over 140 s of cell time.
    private const string Protocol = """
        name: e2e
        steps:
          - Rest for 20 s
          - Charge at 1 mA for 60 s
          - Discharge at 1 mA for 1 min
        """;

    private const int ExpectedSamples = 141;

    [TestMethod]
    public async Task StartProtocol_TimedSteps_StreamsEverySampleOnTheProtocolsGrid()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);

        var reply = await client.StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = Protocol, SourceName = "e2e.yaml" });
        Assert.AreEqual(140, reply.EstimatedDurationS, 1e-9);

        using var call = client.StreamSamples(new StreamSamplesRequest { ChannelId = "ch1", FromSeq = 1, MaxCount = ExpectedSamples },
            deadline: DateTime.UtcNow.AddSeconds(60));
        var samples = new List<SampleMessage>();
        await foreach (var s in call.ResponseStream.ReadAllAsync())
        {
            samples.Add(s);
        }

        Assert.HasCount(ExpectedSamples, samples);
        CollectionAssert.AreEqual(Enumerable.Range(1, ExpectedSamples).Select(i => (long)i).ToArray(), samples.Select(s => s.Seq).ToArray());
        Assert.IsTrue(samples.All(s => s.RunId == reply.RunId && s.ChannelId == "ch1"));
        var t0 = samples[0].TimeUnixS;
        for (var i = 0; i < samples.Count; i++)
        {
            Assert.AreEqual(t0 + i, samples[i].TimeUnixS, 1e-6, $"sample {i + 1} is off the 1 s grid");
        }

        // Steps change exactly at 20 s and 80 s; the step clock restarts at each.
        Assert.AreEqual(20, samples.Count(s => s.StepIndex == 0 && s.StepTimeS > 0));
        Assert.AreEqual(60, samples.Count(s => s.StepIndex == 1));
        Assert.AreEqual(60, samples.Count(s => s.StepIndex == 2));
        Assert.AreEqual(60, samples[80].StepTimeS, 1e-6);
        Assert.AreEqual("charge", samples[80].StepLabel);
        Assert.AreEqual(1e-3, samples[50].CurrentA, 1e-7);
        Assert.AreEqual(-1e-3, samples[120].CurrentA, 1e-7);

        // Charge: +1 mA for 60 s, then -1 mA for 60 s.
        Assert.AreEqual(1e-3 * 60 / 3600, samples[80].ChargeAh, 1e-12);
        Assert.AreEqual(0, samples[^1].ChargeAh, 1e-12);

        // The cell responds physically: charging raises the voltage above the rest value.
        Assert.IsGreaterThan(samples[20].VoltageV + 0.01, samples[80].VoltageV);

        // What was streamed is what was stored.
        await using var db = new SqliteConnection($"Data Source={Path.Combine(daemon.DataDirectory, "operando-rig.db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), MIN(seq), MAX(seq), MAX(time_unix_s) - MIN(time_unix_s) FROM samples WHERE run_id = $r";
        cmd.Parameters.AddWithValue("$r", reply.RunId);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.IsTrue(await r.ReadAsync());
        Assert.AreEqual(ExpectedSamples, r.GetInt64(0));
        Assert.AreEqual(1, r.GetInt64(1));
        Assert.AreEqual(ExpectedSamples, r.GetInt64(2));
        Assert.AreEqual(140, r.GetDouble(3), 1e-6);
    }

    [TestMethod]
    public async Task StreamSamples_ResumeFromSequence_ReplaysStoredThenLiveWithoutGapOrDuplicate()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 100);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);
        await client.StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = Protocol });

        // First subscriber reads 30 and disconnects; the second resumes from 31 while the run is live.
        var first = new List<long>();
        using (var call = client.StreamSamples(new StreamSamplesRequest { ChannelId = "ch1", FromSeq = 1, MaxCount = 30 }))
        {
            await foreach (var s in call.ResponseStream.ReadAllAsync())
            {
                first.Add(s.Seq);
            }
        }

        var second = new List<long>();
        using (var call = client.StreamSamples(new StreamSamplesRequest { ChannelId = "ch1", FromSeq = first[^1] + 1, MaxCount = ExpectedSamples - 30 }))
        {
            await foreach (var s in call.ResponseStream.ReadAllAsync())
            {
                second.Add(s.Seq);
            }
        }

        CollectionAssert.AreEqual(Enumerable.Range(1, ExpectedSamples).Select(i => (long)i).ToArray(), first.Concat(second).ToArray());
    }

    [TestMethod]
    public async Task StartProtocol_InvalidProtocol_InvalidArgumentNamingLineFieldAndValue()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 100);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () => await client.StartProtocolAsync(new StartProtocolRequest
        {
            ChannelId = "ch1",
            ProtocolYaml = "steps:\n  - Rest for 1 min\n  - Charge at 50 mA until 4.2 V\n",
            SourceName = "too-much.yaml",
        }));

        Assert.AreEqual(StatusCode.InvalidArgument, ex.StatusCode);
        StringAssert.Contains(ex.Status.Detail, "too-much.yaml:3: steps[1]: current 50 mA is above channel ch1's range ±10 mA");
        var info = await client.GetRigInfoAsync(new GetRigInfoRequest());
        Assert.AreEqual("Idle", info.Channels.Single().State, "nothing may start after a rejected protocol");
    }

    [TestMethod]
    public async Task StartProtocol_ChannelBusy_FailedPrecondition()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 1);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);
        await client.StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = Protocol });

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
            await client.StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = Protocol }));

        Assert.AreEqual(StatusCode.FailedPrecondition, ex.StatusCode);
        StringAssert.Contains(ex.Status.Detail, "channel ch1 is running run");
    }

    [TestMethod]
    public async Task StreamSamples_UnknownChannel_InvalidArgumentListingChannels()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 1);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);

        var ex = await Assert.ThrowsExactlyAsync<RpcException>(async () =>
        {
            using var call = client.StreamSamples(new StreamSamplesRequest { ChannelId = "ch9" });
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        });

        Assert.AreEqual(StatusCode.InvalidArgument, ex.StatusCode);
        StringAssert.Contains(ex.Status.Detail, "'ch9' is not a channel of this rig; known: ch1");
    }
}
