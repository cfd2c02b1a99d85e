using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Data;

namespace OperandoRig.Bench.Data;

/// <summary>Store ingest through the pipeline next to a raw batched insert of the same rows, and fan-out to live subscribers.</summary>
internal static class StoreBench
{
    public const int Channels = 4;

    /// <summary><paramref name="count"/> samples over <see cref="Channels"/> channels, interleaved as live acquisition produces them.</summary>
    public static List<SampleRecord> MakeSamples(int count, double startUnixS)
    {
        var rows = new List<SampleRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var s = (i / Channels) + 1;
            rows.Add(new SampleRecord(s, "run-bench", "ch" + ((i % Channels) + 1), startUnixS + (s * 0.1), 3.6 + (0.4 * Math.Sin(s / 5000.0)),
                1.25e-3 * Math.Cos(s / 777.0), s * 3.4e-8, s / 10_000, s % 3 == 0 ? "CC charge" : "rest", s / 50_000, (s % 10_000) * 0.1));
        }

        return rows;
    }

    /// <summary>Raw: one connection, WAL + synchronous=NORMAL like the store, one prepared INSERT, one transaction per <paramref name="batch"/> rows.</summary>
    public static async Task<double> RawInsertAsync(string path, List<SampleRecord> rows, int batch)
    {
        await (await SqliteStore.OpenAsync(path, CancellationToken.None)).DisposeAsync(); // the same schema
        SqliteConnection.ClearAllPools();
        using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        conn.Open();
        using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        using var cmd = conn.CreateCommand();
        cmd.CommandText = "INSERT INTO samples(channel_id, seq, run_id, time_unix_s, voltage_v, current_a, charge_ah, step_index, step_label, cycle, step_time_s) " +
            "VALUES ($ch, $seq, $run, $t, $v, $i, $q, $si, $sk, $cy, $st)";
        foreach (var n in new[] { "$ch", "$seq", "$run", "$t", "$v", "$i", "$q", "$si", "$sk", "$cy", "$st" })
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = n });
        }

        var p = cmd.Parameters;
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += batch)
        {
            using var tx = conn.BeginTransaction();
            cmd.Transaction = tx;
            for (var k = start; k < Math.Min(rows.Count, start + batch); k++)
            {
                var r = rows[k];
                p[0].Value = r.ChannelId;
                p[1].Value = r.Seq;
                p[2].Value = r.RunId;
                p[3].Value = r.TimeUnixS;
                p[4].Value = r.VoltageV;
                p[5].Value = r.CurrentA;
                p[6].Value = r.ChargeAh;
                p[7].Value = r.StepIndex;
                p[8].Value = r.StepLabel;
                p[9].Value = r.Cycle;
                p[10].Value = r.StepTimeS;
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }

        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The daemon's path: producers hand samples to <see cref="SamplePipeline.Publish"/> (numbered there), the writer
    /// stores them in transactions and publishes them to the hub; timed from the first hand-over until all are stored.
    /// With <paramref name="subscribers"/> live subscribers, also until each has received every sample.
    /// </summary>
    public static async Task<PipelineRun> PipelineAsync(string path, List<SampleRecord> rows, int subscribers)
    {
        await using var store = await SqliteStore.OpenAsync(path, CancellationToken.None);
        var hub = new StreamHub(store);
        var pipeline = new SamplePipeline(store, hub, NullLogger<SamplePipeline>.Instance);
        try
        {
            var perChannel = rows.Count / Channels;
            using var stop = new CancellationTokenSource();
            var ready = new List<TaskCompletionSource>();
            var done = new List<Task<double>>();
            var watch = new Stopwatch();
            for (var k = 0; k < subscribers; k++)
            {
                // Each subscriber follows every channel live (one stream per channel), as a live plot would.
                var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                ready.Add(started);
                done.Add(Task.Run(async () =>
                {
                    var streams = Enumerable.Range(1, Channels).Select(async c =>
                    {
                        long received = 0;
                        await foreach (var s in hub.SubscribeAsync("ch" + c, 1, stop.Token))
                        {
                            if (++received == perChannel)
                            {
                                break;
                            }
                        }

                        return received;
                    }).ToList();
                    started.TrySetResult();
                    var counts = await Task.WhenAll(streams);
                    return counts.Sum() == rows.Count ? watch.Elapsed.TotalSeconds : double.NaN;
                }));
            }

            await Task.WhenAll(ready.Select(r => r.Task));
            await Task.Delay(200); // let every subscription reach its live buffer (the store is empty)
            watch.Start();
            foreach (var r in rows)
            {
                pipeline.Publish(r with { Seq = 0 });
            }

            var publishS = watch.Elapsed.TotalSeconds;
            await pipeline.FlushAsync(CancellationToken.None);
            var storedS = watch.Elapsed.TotalSeconds;
            var subscriberS = await Task.WhenAll(done);
            var stats = pipeline.GetStats();
            return new PipelineRun(publishS, storedS, subscriberS, stats);
        }
        finally
        {
            await pipeline.DisposeAsync();
        }
    }
}

/// <summary>One timed pipeline run.</summary>
internal sealed record PipelineRun(double PublishS, double StoredS, double[] SubscriberS, PipelineStats Stats);
