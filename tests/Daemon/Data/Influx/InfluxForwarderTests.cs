using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Data.Influx;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Data.Influx;

[TestClass]
public sealed class InfluxForwarderTests
{
    private static readonly InfluxOptions Options = new()
    {
        Url = "http://127.0.0.1:8086",
        Database = "operando",
        RetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(10),
        BreakerFailures = 5,
        BreakDuration = TimeSpan.FromSeconds(30),
        PollInterval = TimeSpan.FromSeconds(1),
        RejectedRetryInterval = TimeSpan.FromSeconds(60),
    };

    public TestContext TestContext { get; set; } = null!;

    private static double StartUnixS(VirtualTimeProvider clock) => clock.Start.ToUnixTimeSeconds();

    private static void AssertEachOnceInOrder(FakeInfluxHandler fake, IReadOnlyDictionary<string, long> expectedLast)
    {
        var byChannel = fake.AcceptedSamples().GroupBy(s => s.Channel).ToDictionary(g => g.Key, g => g.Select(s => s.Seq).ToList());
        CollectionAssert.AreEquivalent(expectedLast.Keys.ToList(), byChannel.Keys.ToList());
        foreach (var (channel, last) in expectedLast)
        {
            var seqs = byChannel[channel];
            CollectionAssert.AreEqual(Enumerable.Range(1, (int)last).Select(i => (long)i).ToList(), seqs, $"channel {channel}: each seq once, in order");
        }
    }

    [TestMethod]
    public async Task ForwardPendingAsync_12000Samples_BatchesOf5000EachSampleOnceInOrder()
    {
        var ct = TestContext.CancellationToken;
        var (store, folder) = await InfluxTestData.OpenStoreAsync(ct);
        try
        {
            var clock = new VirtualTimeProvider();
            await store.AppendSamplesAsync(InfluxTestData.Samples("ch1", 1, 7000, StartUnixS(clock)), ct);
            await store.AppendSamplesAsync(InfluxTestData.Samples("ch 2", 1, 5000, StartUnixS(clock)), ct);
            var fake = new FakeInfluxHandler(clock);
            using var forwarder = new InfluxForwarder(Options, store.Path, clock, NullLogger<InfluxForwarder>.Instance, fake);

            var sent = await forwarder.ForwardPendingAsync(ct);

            Assert.AreEqual(12_000, sent);
            Assert.AreEqual(12_000, forwarder.ForwardedRecords);
            Assert.IsTrue(fake.Requests.All(r => r.Body.Count(c => c == '\n') <= 5000));
            Assert.AreEqual(3, fake.Requests.Count);
            AssertEachOnceInOrder(fake, new Dictionary<string, long> { ["ch1"] = 7000, ["ch\\ 2"] = 5000 });
            Assert.AreEqual(0, forwarder.RecordsBehind);
            Assert.AreEqual(0, forwarder.SecondsBehind);
            Assert.AreEqual(0, await forwarder.ForwardPendingAsync(ct), "nothing is sent twice");
        }
        finally
        {
            await store.DisposeAsync();
            InfluxTestData.DeleteFolder(folder);
        }
    }

    [TestMethod]
    public async Task ForwardPendingAsync_AfterRestart_ResumesFromTheDurableCursor()
    {
        var ct = TestContext.CancellationToken;
        var (store, folder) = await InfluxTestData.OpenStoreAsync(ct);
        try
        {
            var clock = new VirtualTimeProvider();
            var fake = new FakeInfluxHandler(clock);
            await store.AppendSamplesAsync(InfluxTestData.Samples("ch1", 1, 300, StartUnixS(clock)), ct);
            using (var first = new InfluxForwarder(Options, store.Path, clock, NullLogger<InfluxForwarder>.Instance, fake))
            {
                Assert.AreEqual(300, await first.ForwardPendingAsync(ct));
            }

            await store.AppendSamplesAsync(InfluxTestData.Samples("ch1", 301, 200, StartUnixS(clock)), ct);
            var fake2 = new FakeInfluxHandler(clock);
            using var second = new InfluxForwarder(Options, store.Path, clock, NullLogger<InfluxForwarder>.Instance, fake2);
            Assert.AreEqual(200, await second.ForwardPendingAsync(ct));
            Assert.AreEqual(301, fake2.AcceptedSamples()[0].Seq);

            // A different target (another database) has its own cursor: it is backfilled from the first sample.
            var fake3 = new FakeInfluxHandler(clock);
            using var other = new InfluxForwarder(Options with { Database = "replica2" }, store.Path, clock, NullLogger<InfluxForwarder>.Instance, fake3);
            Assert.AreEqual(500, await other.ForwardPendingAsync(ct));
        }
        finally
        {
            await store.DisposeAsync();
            InfluxTestData.DeleteFolder(folder);
        }
    }

    [TestMethod]
    [DoNotParallelize] // timing on the virtual clock; the store writes below are real I/O
    // Was flaky under load (no attempt during the outage): the forwarder's awaits used ConfigureAwait(false), so each
    // virtual wait resumed on a pool thread, and with a starved pool the loop stopped waiting for it (after 50 ms) and
    // ran the outage past it. The forwarder and Polly now resume on the caller's context (here: the loop).
    public void ExecuteAsync_OutageWhileAcquiring_BackfillsEveryRecordOnceInOrderAndReportsLag()
    {
        var clock = new VirtualTimeProvider();
        var fake = new FakeInfluxHandler(clock);
        var lagDuringOutage = (Records: 0L, Seconds: 0.0);
        string? errorDuringOutage = null;
        long total = 0;
        new SimulationLoop(clock) { ExternalWorkTimeout = TimeSpan.FromSeconds(30) }.Run(async ct =>
        {
            var (store, folder) = await InfluxTestData.OpenStoreAsync(ct);
            try
            {
                using var forwarder = new InfluxForwarder(Options with { BatchSize = 500 }, store.Path, clock, NullLogger<InfluxForwarder>.Instance, fake, () => 0.5);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var run = forwarder.RunAsync(stop.Token); // on the loop (StartAsync would hop to the thread pool)

                // 10 minutes of acquisition, 2 channels, 10 samples/s each; the server is down from minute 2 to minute 7.
                for (var second = 0; second < 600; second++)
                {
                    fake.Down = second is >= 120 and < 420;
                    foreach (var ch in new[] { "ch1", "ch2" })
                    {
                        var batch = InfluxTestData.Samples(ch, (second * 10) + 1, 10, StartUnixS(clock) - 1, 0.1);
                        using (SimulationLoop.Current!.BeginExternalWork()) // real I/O: hold virtual time until it is done
                        {
                            await store.AppendSamplesAsync(batch, ct);
                        }
                    }

                    total += 20;
                    if (second is > 120 and < 420)
                    {
                        lagDuringOutage = (Math.Max(lagDuringOutage.Records, forwarder.RecordsBehind), Math.Max(lagDuringOutage.Seconds, forwarder.SecondsBehind));
                        errorDuringOutage = forwarder.LastError ?? errorDuringOutage;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
                }

                // Let it catch up, then stop.
                while (forwarder.RecordsBehind > 0 || forwarder.ForwardedRecords < total)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
                }

                await stop.CancelAsync();
                await run;
                Assert.AreEqual(0, forwarder.SecondsBehind);
            }
            finally
            {
                await store.DisposeAsync();
                InfluxTestData.DeleteFolder(folder);
            }
        }, TestContext.CancellationToken);

        AssertEachOnceInOrder(fake, new Dictionary<string, long> { ["ch1"] = 6000, ["ch2"] = 6000 });
        Assert.IsTrue(fake.Requests.Any(r => r.Status == 0), "requests failed during the outage");
        Assert.IsTrue(lagDuringOutage.Records > 2000, $"lag during the outage: {lagDuringOutage} {errorDuringOutage} requests {fake.Requests.Count}");
        Assert.IsTrue(lagDuringOutage.Seconds > 100, $"lag during the 300 s outage: {lagDuringOutage}");
        Assert.IsTrue(errorDuringOutage is not null && (errorDuringOutage.Contains("Connection refused", StringComparison.Ordinal)
            || errorDuringOutage.Contains("circuit open", StringComparison.Ordinal)), errorDuringOutage);
    }

    [TestMethod]
    public async Task ForwardPendingAsync_BatchRejectedWith404_KeepsCursorReportsServerMessageAndSucceedsOnceFixed()
    {
        var ct = TestContext.CancellationToken;
        var (store, folder) = await InfluxTestData.OpenStoreAsync(ct);
        try
        {
            var clock = new VirtualTimeProvider();
            var fake = new FakeInfluxHandler(clock);
            fake.Enqueue(HttpStatusCode.NotFound, "{\"error\":\"database not found: \\\"operando\\\"\"}", times: 2);
            await store.AppendSamplesAsync(InfluxTestData.Samples("ch1", 1, 100, StartUnixS(clock)), ct);
            using var forwarder = new InfluxForwarder(Options, store.Path, clock, NullLogger<InfluxForwarder>.Instance, fake);

            var e = await Assert.ThrowsExactlyAsync<InfluxWriteException>(() => forwarder.ForwardPendingAsync(ct));
            StringAssert.Contains(e.Message, "404 NotFound");
            StringAssert.Contains(forwarder.Rejection, "database not found");
            Assert.AreEqual(100, forwarder.RecordsBehind);
            await Assert.ThrowsExactlyAsync<InfluxWriteException>(() => forwarder.ForwardPendingAsync(ct));
            Assert.AreEqual(2, fake.Requests.Count, "a rejected batch is not retried by the writer");

            Assert.AreEqual(100, await forwarder.ForwardPendingAsync(ct)); // the database exists now
            Assert.IsNull(forwarder.Rejection);
            Assert.AreEqual(0, forwarder.RecordsBehind);
            AssertEachOnceInOrder(fake, new Dictionary<string, long> { ["ch1"] = 100 });
        }
        finally
        {
            await store.DisposeAsync();
            InfluxTestData.DeleteFolder(folder);
        }
    }

    [TestMethod]
    public async Task ForwardPendingAsync_SampleWithInfiniteTimeOrVoltage_IsSkippedOrTrimmedCountedAndPassed()
    {
        var ct = TestContext.CancellationToken;
        var (store, folder) = await InfluxTestData.OpenStoreAsync(ct);
        try
        {
            var clock = new VirtualTimeProvider();
            var samples = InfluxTestData.Samples("ch1", 1, 3, StartUnixS(clock));
            samples[1] = samples[1] with { VoltageV = double.PositiveInfinity }; // SQLite cannot hold NaN; it holds ±Inf
            samples[2] = samples[2] with { TimeUnixS = double.PositiveInfinity };
            await store.AppendSamplesAsync(samples, ct);
            var fake = new FakeInfluxHandler(clock);
            using var forwarder = new InfluxForwarder(Options, store.Path, clock, NullLogger<InfluxForwarder>.Instance, fake);
            await forwarder.ForwardPendingAsync(ct);
            Assert.AreEqual(2, forwarder.ForwardedRecords);
            Assert.AreEqual(1, forwarder.SkippedRecords);
            Assert.AreEqual(0, forwarder.RecordsBehind);
            var lines = fake.AcceptedLines();
            Assert.AreEqual(2, lines.Count);
            Assert.IsFalse(lines[1].Contains("voltage_v", StringComparison.Ordinal), lines[1]);
        }
        finally
        {
            await store.DisposeAsync();
            InfluxTestData.DeleteFolder(folder);
        }
    }
}
