using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Data.Influx;

namespace OperandoRig.Daemon.Tests.Data.Influx;

/// <summary>
/// Integration tests against real servers started by the test on 127.0.0.1: Debian's influxd 1.6 (v1 /write, read
/// back with /query) and VictoriaMetrics (v2 /api/v2/write, read back with /api/v1/export).
/// </summary>
[TestClass]
public sealed class InfluxReplicaServerTests
{
    public TestContext TestContext { get; set; } = null!;

    private static InfluxOptions V1(ReplicaServer s) => new()
    {
        Url = s.Url,
        Database = "operando",
        BatchSize = 5000,
        PollInterval = TimeSpan.FromMilliseconds(50),
        RetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        BreakerFailures = 3,
        BreakDuration = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    private static async Task<List<SampleRecord>> ReadStoreAsync(SqliteStore store, string channel, CancellationToken ct)
    {
        var list = new List<SampleRecord>();
        await foreach (var r in store.ReadSamplesAsync(channel, 1, ct))
        {
            list.Add(r);
        }

        return list;
    }

    private static double RealNowUnixS() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    [TestMethod]
    public async Task InfluxdV1_ForwardedSamples_ReadBackValueForValueEqualToTheStore()
    {
        var ct = TestContext.CancellationToken;
        await using var server = await ReplicaServer.StartInfluxdAsync(ct);
        var (store, folder) = await InfluxTestData.OpenStoreAsync(ct);
        try
        {
            var start = Math.Floor(RealNowUnixS()) - 86_400;
            await store.AppendSamplesAsync(InfluxTestData.Samples("ch1", 1, 6000, start, 0.25, "run-α"), ct);
            await store.AppendSamplesAsync(InfluxTestData.Samples("ch 2,=x", 1, 1500, start, 1.0, "run β"), ct);
            using var forwarder = new InfluxForwarder(V1(server), store.Path, TimeProvider.System, NullLogger<InfluxForwarder>.Instance);
            Assert.AreEqual(7500, await forwarder.ForwardPendingAsync(ct));

            foreach (var channel in new[] { "ch1", "ch 2,=x" })
            {
                var expected = await ReadStoreAsync(store, channel, ct);
                var body = await server.QueryInfluxAsync(
                    $"SELECT channel_id, run_id, step_label, voltage_v, current_a, charge_ah, step_index, cycle, step_time_s, seq, temperature_c FROM operando_sample WHERE channel_id = '{channel}'", ct);
                using var json = JsonDocument.Parse(body);
                var rows = json.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values").EnumerateArray().ToList();
                Assert.AreEqual(expected.Count, rows.Count, channel);
                for (var i = 0; i < rows.Count; i++)
                {
                    var row = rows[i];
                    var e = expected[i];
                    LineProtocolPrecision.Nanoseconds.TryToTimestamp(e.TimeUnixS, out var ns);
                    var where = $"{channel} seq {e.Seq}";
                    Assert.AreEqual(ns, row[0].GetInt64(), where);
                    Assert.AreEqual(e.ChannelId, row[1].GetString(), where);
                    Assert.AreEqual(e.RunId, row[2].GetString(), where);
                    Assert.AreEqual(e.StepLabel, row[3].GetString(), where);
                    Assert.AreEqual(e.VoltageV, row[4].GetDouble(), 0.0, where);
                    Assert.AreEqual(e.CurrentA, row[5].GetDouble(), 0.0, where);
                    Assert.AreEqual(e.ChargeAh, row[6].GetDouble(), 0.0, where);
                    Assert.AreEqual(e.StepIndex, row[7].GetInt64(), where);
                    Assert.AreEqual(e.Cycle, row[8].GetInt64(), where);
                    Assert.AreEqual(e.StepTimeS, row[9].GetDouble(), 0.0, where);
                    Assert.AreEqual(e.Seq, row[10].GetInt64(), where);
                    if (double.IsFinite(e.TemperatureC))
                    {
                        Assert.AreEqual(e.TemperatureC, row[11].GetDouble(), 0.0, where);
                    }
                    else
                    {
                        Assert.AreEqual(JsonValueKind.Null, row[11].ValueKind, $"{where}: no reading, no field");
                    }
                }
            }
        }
        finally
        {
            await store.DisposeAsync();
            InfluxTestData.DeleteFolder(folder);
        }
    }

    [TestMethod]
    public async Task InfluxdV1_ServerStoppedMidRunAndRestarted_EveryRecordOnceInOrder()
    {
        var ct = TestContext.CancellationToken;
        await using var server = await ReplicaServer.StartInfluxdAsync(ct);
        var (store, folder) = await InfluxTestData.OpenStoreAsync(ct);
        try
        {
            var recorder = new RecordingHandler();
            using var forwarder = new InfluxForwarder(V1(server) with { BatchSize = 500 }, store.Path, TimeProvider.System, NullLogger<InfluxForwarder>.Instance, recorder);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var run = forwarder.RunAsync(stop.Token);
            var start = Math.Floor(RealNowUnixS()) - 3600;
            long seq = 0;
            var sawLag = 0L;
            for (var chunk = 0; chunk < 100; chunk++)
            {
                foreach (var ch in new[] { "ch1", "ch2" })
                {
                    await store.AppendSamplesAsync(InfluxTestData.Samples(ch, seq + 1, 40, start, 0.01), ct);
                }

                seq += 40;
                if (chunk == 25)
                {
                    await server.StopAsync();
                }

                if (chunk == 70)
                {
                    sawLag = forwarder.RecordsBehind;
                    await server.StartAsync(ct);
                }

                await Task.Delay(30, ct);
            }

            var total = seq * 2;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                deadline.CancelAfter(TimeSpan.FromSeconds(60));
                while (forwarder.ForwardedRecords < total || forwarder.RecordsBehind > 0)
                {
                    await Task.Delay(50, deadline.Token);
                }
            }

            await stop.CancelAsync();
            await run;
            Assert.IsTrue(sawLag > 1000, $"lag while the server was down: {sawLag}");

            // The forwarder sent each record in exactly one accepted request, in order...
            foreach (var ch in new[] { "ch1", "ch2" })
            {
                CollectionAssert.AreEqual(
                    Enumerable.Range(1, (int)seq).Select(i => (long)i).ToList(),
                    recorder.AcceptedSamples().Where(s => s.Channel == ch).Select(s => s.Seq).ToList(), ch);

                // ...and the server holds each exactly once.
                var body = await server.QueryInfluxAsync($"SELECT seq FROM operando_sample WHERE channel_id = '{ch}'", ct);
                using var json = JsonDocument.Parse(body);
                var seqs = json.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")
                    .EnumerateArray().Select(r => r[1].GetInt64()).ToList();
                CollectionAssert.AreEqual(Enumerable.Range(1, (int)seq).Select(i => (long)i).ToList(), seqs, ch);
            }
        }
        finally
        {
            await store.DisposeAsync();
            InfluxTestData.DeleteFolder(folder);
        }
    }

    [TestMethod]
    public async Task VictoriaMetricsV2_ForwardedSamples_ReadBackEqualToTheStore()
    {
        var ct = TestContext.CancellationToken;
        await using var server = await ReplicaServer.StartVictoriaMetricsAsync(ct);
        var (store, folder) = await InfluxTestData.OpenStoreAsync(ct);
        try
        {
            var start = Math.Floor(RealNowUnixS()) - 7200;
            await store.AppendSamplesAsync(InfluxTestData.Samples("ch1", 1, 3000, start, 0.5), ct);
            await store.AppendSamplesAsync(InfluxTestData.Samples("ch2", 1, 3000, start, 0.5), ct);
            var options = new InfluxOptions { Url = server.Url, Api = InfluxApiVersion.V2, Org = "beamline", Bucket = "operando", Token = "unused-by-vm", BatchSize = 1000 };
            using var forwarder = new InfluxForwarder(options, store.Path, TimeProvider.System, NullLogger<InfluxForwarder>.Instance);
            Assert.AreEqual(6000, await forwarder.ForwardPendingAsync(ct));

            var export = await server.ExportVictoriaMetricsAsync("{__name__=~\"operando_sample_.*\"}", ct);
            var series = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
            try
            {
                foreach (var ch in new[] { "ch1", "ch2" })
                {
                    var all = await ReadStoreAsync(store, ch, ct);
                    foreach (var (metric, pick) in new (string, Func<SampleRecord, double>)[]
                    {
                        ("operando_sample_seq", r => r.Seq), ("operando_sample_voltage_v", r => r.VoltageV), ("operando_sample_current_a", r => r.CurrentA),
                        ("operando_sample_charge_ah", r => r.ChargeAh), ("operando_sample_step_time_s", r => r.StepTimeS),
                        ("operando_sample_cycle", r => r.Cycle), ("operando_sample_step_index", r => r.StepIndex),
                        ("operando_sample_temperature_c", r => r.TemperatureC),
                    })
                    {
                        var expected = all.Where(r => double.IsFinite(pick(r))).ToList(); // temperature: only the samples with a reading
                        // One series per (channel, run, step label): merge them and order by time.
                        var points = series.Select(d => d.RootElement)
                            .Where(e => e.GetProperty("metric").GetProperty("__name__").GetString() == metric
                                && e.GetProperty("metric").GetProperty("channel_id").GetString() == ch)
                            .SelectMany(e => e.GetProperty("timestamps").EnumerateArray().Zip(e.GetProperty("values").EnumerateArray(), (t, v) => (T: t.GetInt64(), V: v.GetDouble())))
                            .OrderBy(p => p.T).ToList();
                        Assert.AreEqual(expected.Count, points.Count, $"{metric} {ch}");
                        for (var i = 0; i < points.Count; i++)
                        {
                            LineProtocolPrecision.Milliseconds.TryToTimestamp(expected[i].TimeUnixS, out var ms);
                            Assert.AreEqual(ms, points[i].T, 1, $"{metric} {ch} #{i}"); // VictoriaMetrics keeps milliseconds
                            var want = pick(expected[i]);
                            Assert.AreEqual(want, points[i].V, Math.Abs(want) * 1e-12, $"{metric} {ch} #{i}");
                        }
                    }
                }
            }
            finally
            {
                series.ForEach(d => d.Dispose());
            }
        }
        finally
        {
            await store.DisposeAsync();
            InfluxTestData.DeleteFolder(folder);
        }
    }

    [TestMethod]
    public void PatchInfluxdConfig_DefaultConfig_PointsDirectoriesAndPortsAway()
    {
        const string config = "reporting-enabled = true\nbind-address = \":8088\"\n\n[meta]\n  dir = \"/var/lib/influxdb/meta\"\n[data]\n  dir = \"/var/lib/influxdb/data\"\n  wal-dir = \"/var/lib/influxdb/wal\"\n[http]\n  bind-address = \":8086\"\n[[udp]]\n  enabled = true\n";
        var patched = ReplicaServer.PatchInfluxdConfig(config, "/tmp/x", 1234, 5678);
        StringAssert.Contains(patched, "reporting-enabled = false");
        StringAssert.Contains(patched, "bind-address = \"127.0.0.1:5678\"");
        StringAssert.Contains(patched, "  bind-address = \"127.0.0.1:1234\"");
        StringAssert.Contains(patched, "  wal-dir = \"/tmp/x/wal\"");
        StringAssert.Contains(patched, "[[udp]]\n  enabled = false");
        Assert.IsFalse(patched.Contains("/var/lib", StringComparison.Ordinal), patched);
    }
}
