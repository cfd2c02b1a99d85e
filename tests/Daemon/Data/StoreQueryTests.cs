using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Tests.Data;

/// <summary>Queries on the store by run, channel or stream, time range and sequence range (bounds inclusive), and their errors.</summary>
[TestClass]
public sealed class StoreQueryTests
{
    [TestMethod]
    public async Task QuerySamplesAsync_ByRunChannelTimeAndSeq_ReturnsExactlyTheMatchingRowsInOrder()
    {
        await using var data = await DataFolder.CreateAsync();
        var (store, _) = await data.OpenAsync();
        var rows = new List<SampleRecord>();
        for (var i = 1; i <= 200; i++)
        {
            // ch1: run A for seq 1..100, run B for 101..200; ch2: run C throughout; 1 s apart from t = 1000 s.
            rows.Add(Sample("ch1", i, i <= 100 ? "A" : "B", 1000 + i));
            rows.Add(Sample("ch2", i, "C", 1000 + i));
        }

        await store.AppendSamplesAsync(rows, CancellationToken.None);

        async Task<long[]> Seqs(RecordQuery q, string channel) =>
            (await EventPipelineTests.ToListAsync(store.QuerySamplesAsync(q, CancellationToken.None))).Where(s => s.ChannelId == channel).Select(s => s.Seq).ToArray();
        async Task<int> Count(RecordQuery q) => (await EventPipelineTests.ToListAsync(store.QuerySamplesAsync(q, CancellationToken.None))).Count;

        CollectionAssert.AreEqual(Range(101, 200), await Seqs(new RecordQuery { RunId = "B" }, "ch1"));
        Assert.AreEqual(100, await Count(new RecordQuery { RunId = "B" }));
        Assert.AreEqual(200, await Count(new RecordQuery { Stream = "ch2" }));
        CollectionAssert.AreEqual(Range(50, 60), await Seqs(new RecordQuery { Stream = "ch1", FromTimeUnixS = 1050, ToTimeUnixS = 1060 }, "ch1"));
        CollectionAssert.AreEqual(Range(95, 100), await Seqs(new RecordQuery { Stream = "ch1", RunId = "A", FromSeq = 95 }, "ch1"));
        CollectionAssert.AreEqual(Range(120, 130), await Seqs(new RecordQuery { Stream = "ch2", FromSeq = 120, ToSeq = 130 }, "ch2"));
        CollectionAssert.AreEqual(Range(120, 124), await Seqs(new RecordQuery { Stream = "ch2", FromSeq = 120, Limit = 5 }, "ch2"));
        CollectionAssert.AreEqual(Range(150, 155), await Seqs(new RecordQuery { Stream = "ch2", FromSeq = 140, ToSeq = 160, FromTimeUnixS = 1150, ToTimeUnixS = 1155 }, "ch2"));
        Assert.AreEqual(0, await Count(new RecordQuery { RunId = "nope" }));
        var one = (await EventPipelineTests.ToListAsync(store.QuerySamplesAsync(new RecordQuery { Stream = "ch1", FromSeq = 7, ToSeq = 7 }, CancellationToken.None))).Single();
        Assert.AreEqual(rows.Single(r => r.ChannelId == "ch1" && r.Seq == 7), one, "every column read back as written");
    }

    [TestMethod]
    public async Task QueryEventsAsync_ByStreamRunAndRanges_ReturnsTheMatchingEventsInOrder()
    {
        await using var data = await DataFolder.CreateAsync();
        var (store, _) = await data.OpenAsync();
        var events = Enumerable.Range(1, 50).Select(i => new EventRecord(i, i <= 25 ? "A" : "B", "ch1/events", 2000 + (2 * i), "k", $"m{i}", "{}")).ToList();
        events.AddRange(Enumerable.Range(1, 10).Select(i => new EventRecord(i, "A", "beamline/events", 2000 + i, "scan", $"s{i}", "{}")));
        await store.AppendEventsAsync(events, CancellationToken.None);

        async Task<string[]> Messages(RecordQuery q) =>
            (await EventPipelineTests.ToListAsync(store.QueryEventsAsync(q, CancellationToken.None))).Select(e => e.Message).ToArray();

        CollectionAssert.AreEqual(new[] { "s1", "s2", "s3" }.Concat(Enumerable.Range(4, 7).Select(i => $"s{i}")).ToArray(), await Messages(new RecordQuery { Stream = "beamline/events" }));
        Assert.HasCount(35, await Messages(new RecordQuery { RunId = "A" }));
        CollectionAssert.AreEqual(new[] { "m10", "m11", "m12" }, await Messages(new RecordQuery { Stream = "ch1/events", FromTimeUnixS = 2020, ToTimeUnixS = 2024 }));
        CollectionAssert.AreEqual(new[] { "m26", "m27" }, await Messages(new RecordQuery { Stream = "ch1/events", RunId = "B", ToSeq = 27 }));
    }

    [TestMethod]
    public async Task QuerySamplesAsync_BadQuery_ErrorNamesTheFieldValueAndRange()
    {
        await using var data = await DataFolder.CreateAsync();
        var (store, _) = await data.OpenAsync();
        async Task<string> Error(RecordQuery q) =>
            (await Assert.ThrowsExactlyAsync<ArgumentException>(() => EventPipelineTests.ToListAsync(store.QuerySamplesAsync(q, CancellationToken.None)))).Message;

        StringAssert.Contains(await Error(new RecordQuery()), "run_id and channel_id: both empty");
        StringAssert.Contains(await Error(new RecordQuery { Stream = "ch1", FromSeq = -1 }), "from_seq: -1 must be 0 or more");
        StringAssert.Contains(await Error(new RecordQuery { Stream = "ch1", FromSeq = 10, ToSeq = 5 }), "to_seq: 5 is below from_seq 10");
        StringAssert.Contains(await Error(new RecordQuery { Stream = "ch1", FromTimeUnixS = 5, ToTimeUnixS = 4 }), "to_time_unix_s: 4 is before from_time_unix_s 5");
        StringAssert.Contains(await Error(new RecordQuery { Stream = "ch1", ToTimeUnixS = double.NaN }), "to_time_unix_s: NaN must be a finite");
        StringAssert.Contains(await Error(new RecordQuery { Stream = "ch1", Limit = -3 }), "limit: -3");
    }

    private static long[] Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i)];

    private static SampleRecord Sample(string channel, long seq, string run, double t) =>
        new(seq, run, channel, t, 3.5 + (seq * 1e-4), 1e-3, seq * 1e-7, (int)(seq % 3), "charge", 1 + (int)(seq / 50), seq * 0.5);
}
