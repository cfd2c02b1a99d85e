using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Tests.Electrochemistry.Runner;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Tests.Data;

/// <summary>
/// Event records through the pipeline: numbered per stream in the order handed over, stored with their fields,
/// numbering continued after a reopen, followed from the store and then live with no gap and no duplicate, and
/// written by the channel runner for state changes, operator actions and safety trips.
/// </summary>
[TestClass]
public sealed class EventPipelineTests
{
    [TestMethod]
    public async Task PublishEvent_TwoStreamsInterleaved_EachNumberedInOrderAndStoredWithItsFields()
    {
        await using var data = await DataFolder.CreateAsync();
        var (store, pipeline) = await data.OpenAsync();
        for (var i = 0; i < 500; i++)
        {
            var stream = i % 3 == 0 ? "beamline/events" : "ch1/events";
            pipeline.PublishEvent(EventRecord.Create("run-1", stream, 1000 + i, "test.tick", $"tick {i}",
                new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = "a \"quoted\", ünïcode = \\ value" }));
        }

        await pipeline.FlushAsync(CancellationToken.None);
        var ch1 = await ToListAsync(store.ReadEventsAsync("ch1/events", 1, CancellationToken.None));
        var beam = await ToListAsync(store.ReadEventsAsync("beamline/events", 1, CancellationToken.None));

        Assert.HasCount(333, ch1);
        Assert.HasCount(167, beam);
        CollectionAssert.AreEqual(Enumerable.Range(1, 333).Select(i => (long)i).ToArray(), ch1.Select(e => e.Seq).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, 167).Select(i => (long)i).ToArray(), beam.Select(e => e.Seq).ToArray());
        var expectedCh1 = Enumerable.Range(0, 500).Where(i => i % 3 != 0).ToArray();
        CollectionAssert.AreEqual(expectedCh1.Select(i => $"tick {i}").ToArray(), ch1.Select(e => e.Message).ToArray(), "handed-over order kept");
        CollectionAssert.AreEqual(expectedCh1.Select(i => 1000.0 + i).ToArray(), ch1.Select(e => e.TimeUnixS).ToArray());
        var fields = ch1[10].Fields();
        Assert.AreEqual(expectedCh1[10].ToString(System.Globalization.CultureInfo.InvariantCulture), fields["i"]);
        Assert.AreEqual("a \"quoted\", ünïcode = \\ value", fields["note"]);
        Assert.AreEqual("run-1", ch1[0].RunId);
        Assert.AreEqual(500, pipeline.StoredEventCount);
    }

    [TestMethod]
    public async Task PublishEvent_AfterReopen_StoredEventsSurviveAndNumberingContinues()
    {
        await using var data = await DataFolder.CreateAsync();
        var (store, pipeline) = await data.OpenAsync();
        for (var i = 1; i <= 40; i++)
        {
            pipeline.PublishEvent(EventRecord.Create("run-1", "ch1/events", i, "k", $"first life {i}"));
        }

        await pipeline.FlushAsync(CancellationToken.None);
        await data.CloseAsync();

        (store, pipeline) = await data.OpenAsync();
        for (var i = 1; i <= 10; i++)
        {
            pipeline.PublishEvent(EventRecord.Create("run-2", "ch1/events", 100 + i, "k", $"second life {i}"));
        }

        await pipeline.FlushAsync(CancellationToken.None);
        var all = await ToListAsync(store.ReadEventsAsync("ch1/events", 0, CancellationToken.None));
        CollectionAssert.AreEqual(Enumerable.Range(1, 50).Select(i => (long)i).ToArray(), all.Select(e => e.Seq).ToArray());
        Assert.AreEqual("first life 40", all[39].Message);
        Assert.AreEqual("second life 1", all[40].Message);
        Assert.AreEqual(50, await store.GetLastEventSeqAsync("ch1/events", CancellationToken.None));
    }

    [TestMethod]
    public async Task SubscribeEventsAsync_ReplayThenLiveThenResume_NoGapNoDuplicate()
    {
        await using var data = await DataFolder.CreateAsync();
        var (_, pipeline) = await data.OpenAsync();
        for (var i = 1; i <= 300; i++)
        {
            pipeline.PublishEvent(EventRecord.Create("run-1", "ch1/events", i, "k", $"e{i}"));
        }

        await pipeline.FlushAsync(CancellationToken.None);

        // A producer keeps publishing while the follower replays from the store and goes live.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var producer = Task.Run(async () =>
        {
            for (var i = 301; i <= 3000; i++)
            {
                pipeline.PublishEvent(EventRecord.Create("run-1", "ch1/events", i, "k", $"e{i}"));
                if (i % 100 == 0)
                {
                    await Task.Yield();
                }
            }
        });

        var first = new List<EventRecord>();
        await foreach (var e in data.Hub!.SubscribeEventsAsync("ch1/events", 1, null, cts.Token))
        {
            first.Add(e);
            if (first.Count == 1700)
            {
                break; // disconnect
            }
        }

        var second = new List<EventRecord>();
        await foreach (var e in data.Hub.SubscribeEventsAsync("ch1/events", first[^1].Seq + 1, null, cts.Token))
        {
            second.Add(e);
            if (e.Seq == 3000)
            {
                break;
            }
        }

        await producer;
        var seqs = first.Concat(second).Select(e => e.Seq).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, 3000).Select(i => (long)i).ToArray(), seqs);
        CollectionAssert.AreEqual(Enumerable.Range(1, 3000).Select(i => $"e{i}").ToArray(), first.Concat(second).Select(e => e.Message).ToArray());
    }

    [TestMethod]
    public async Task ChannelRunner_PauseResumeAndEnd_StateChangesAndOperatorActionsAreStoredEvents()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var runner = await rig.AddChannelAsync(RunnerRig.Thevenin(0.5));
        string runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(RunnerRig.Protocol(RunnerRig.Cc(1e-3, null, 300, "charge")), "t", ct);
            await Task.Delay(TimeSpan.FromSeconds(100), rig.Clock, ct);
            await runner.PauseAsync(HoldPolicy.OpenCircuit, "beam alignment", ct);
            await Task.Delay(TimeSpan.FromSeconds(50), rig.Clock, ct);
            await runner.ResumeAsync("aligned", ct);
            await runner.Completion;
        });
        await rig.Pipeline.FlushAsync(CancellationToken.None);

        var events = await ToListAsync(rig.Store.QueryEventsAsync(new RecordQuery { RunId = runId }, CancellationToken.None));
        Assert.IsTrue(events.All(e => e.Stream == "ch1/events" && e.RunId == runId));
        CollectionAssert.AreEqual(Enumerable.Range(1, events.Count).Select(i => (long)i).ToArray(), events.Select(e => e.Seq).ToArray());
        var states = events.Where(e => e.Kind == "state.changed").Select(e => e.Fields()["to"]).ToArray();
        CollectionAssert.AreEqual(new[] { "Running", "Pausing", "Paused", "Running", "Finished" }, states);
        var pause = events.Single(e => e.Kind == "operator.pause");
        Assert.AreEqual("beam alignment", pause.Fields()["reason"]);
        Assert.AreEqual(nameof(HoldPolicy.OpenCircuit), pause.Fields()["hold"]);
        Assert.AreEqual("aligned", events.Single(e => e.Kind == "operator.resume").Fields()["reason"]);
        var times = events.Select(e => e.TimeUnixS).ToArray();
        CollectionAssert.AreEqual(times.Order().ToArray(), times, "stamped on the daemon clock, in order");
        var samples = await rig.ReadSamplesAsync(runId);
        Assert.AreEqual(samples[0].TimeUnixS + 100, pause.TimeUnixS, 1.0, "the pause is stamped on the virtual clock");
        Assert.AreEqual(RunState.Finished, runner.State);
    }

    [TestMethod]
    public async Task PipelineScanEventSink_ScanEvent_StoredInTheBeamlineStreamWithItsScanId()
    {
        await using var data = await DataFolder.CreateAsync();
        var (store, pipeline) = await data.OpenAsync();
        var seen = new List<ScanEvent>();
        var sink = new PipelineScanEventSink(pipeline, new ListScanSink(seen));
        var at = DateTimeOffset.UnixEpoch.AddSeconds(1_800_000_000.25);
        sink.Publish(new ScanEvent(at, "run-9", "scan-3", "scan.suspend", "beam current 2 mA below 150 mA", new Dictionary<string, string> { ["ring_current_ma"] = "2" }));
        new PipelineOperandoEventSink(pipeline).Publish(new OperandoEvent("run-9", OperandoEvent.DefaultStream, 1_800_000_001, "operando.trigger", "SOC 50 %", new Dictionary<string, string>()));
        await pipeline.FlushAsync(CancellationToken.None);

        var beam = await ToListAsync(store.ReadEventsAsync(PipelineScanEventSink.Stream, 1, CancellationToken.None));
        Assert.HasCount(1, seen);
        Assert.HasCount(1, beam);
        Assert.AreEqual(new EventRecord(1, "run-9", "beamline/events", 1_800_000_000.25, "scan.suspend", "beam current 2 mA below 150 mA",
            """{"ring_current_ma":"2","scan_id":"scan-3"}"""), beam[0]);
        var operando = await ToListAsync(store.ReadEventsAsync("operando/events", 1, CancellationToken.None));
        Assert.AreEqual("operando.trigger", operando.Single().Kind);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed class ListScanSink(List<ScanEvent> seen) : IScanEventSink
    {
        public void Publish(ScanEvent scanEvent) => seen.Add(scanEvent);
    }
}

/// <summary>A store, hub and pipeline in a temp folder that can be closed and opened again, as a restarted daemon would.</summary>
internal sealed class DataFolder : IAsyncDisposable
{
    private readonly string _folder;

    private DataFolder(string folder) => _folder = folder;

    public SqliteStore? Store { get; private set; }

    public StreamHub? Hub { get; private set; }

    public SamplePipeline? Pipeline { get; private set; }

    public string DatabasePath => Path.Combine(_folder, "store.db");

    public static Task<DataFolder> CreateAsync() => Task.FromResult(new DataFolder(Directory.CreateTempSubdirectory("operando-data-").FullName));

    public async Task<(SqliteStore Store, SamplePipeline Pipeline)> OpenAsync(int subscriberBuffer = 8192)
    {
        Store = await SqliteStore.OpenAsync(DatabasePath, CancellationToken.None);
        Hub = new StreamHub(Store, subscriberBuffer);
        Pipeline = new SamplePipeline(Store, Hub, NullLogger<SamplePipeline>.Instance);
        return (Store, Pipeline);
    }

    public async Task CloseAsync()
    {
        if (Pipeline is not null)
        {
            await Pipeline.DisposeAsync();
            Pipeline = null;
        }

        if (Store is not null)
        {
            await Store.DisposeAsync();
            Store = null;
        }

        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
