using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Tests.Data;

/// <summary>
/// Backpressure: a subscriber that stops reading never holds up storage (every record is stored while it is
/// stalled), its lag is measured, it is told it fell behind, and it then gets every record from the store, in order.
/// </summary>
[TestClass]
public sealed class BackpressureTests
{
    [TestMethod]
    public async Task StalledSubscriber_IngestCarriesOn_LagIsMeasuredAndItResumesFromTheStore()
    {
        await using var data = await DataFolder.CreateAsync();
        var (_, pipeline) = await data.OpenAsync(subscriberBuffer: 64);
        var hub = data.Hub!;
        var lagCalls = new List<long>();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var follow = hub.SubscribeAsync("ch1", 1, lagCalls.Add, cts.Token).GetAsyncEnumerator(cts.Token);
        try
        {
            pipeline.Publish(Sample(1));
            await pipeline.FlushAsync(cts.Token);
            Assert.IsTrue(await follow.MoveNextAsync());
            Assert.AreEqual(1, follow.Current.Seq);

            // The subscriber stalls while 20 000 more samples arrive: all are stored regardless.
            const int burst = 20_000;
            for (var i = 0; i < burst; i++)
            {
                pipeline.Publish(Sample(2 + i));
            }

            await pipeline.FlushAsync(cts.Token);
            var stats = pipeline.GetStats();
            Assert.AreEqual(burst + 1, stats.StoredSamples);
            Assert.AreEqual(0, stats.QueueDepth);
            Assert.IsGreaterThan(0, stats.MaxQueueDepth);
            var lag = hub.GetSubscriberStats().Single();
            Assert.AreEqual(("samples", "ch1", 1L, burst + 1L, (long)burst), (lag.Kind, lag.Stream, lag.DeliveredSeq, lag.PublishedSeq, lag.LagRecords));
            Assert.AreEqual(64, lag.BufferDepth, "its bounded buffer is full; the rest was not queued for it");

            // It reads again: the buffered records, a lag notice, then the rest from the store, in order.
            var seqs = new List<long>();
            while (seqs.Count < burst && await follow.MoveNextAsync())
            {
                seqs.Add(follow.Current.Seq);
            }

            CollectionAssert.AreEqual(Enumerable.Range(2, burst).Select(i => (long)i).ToArray(), seqs.ToArray());
            CollectionAssert.AreEqual(new[] { 66L }, lagCalls, "told once, naming the first record it will get from the store");
            Assert.AreEqual(1, hub.LagFallbacks);

            // Caught up: live again, no lag.
            pipeline.Publish(Sample(burst + 2));
            await pipeline.FlushAsync(cts.Token);
            Assert.IsTrue(await follow.MoveNextAsync());
            Assert.AreEqual(burst + 2, follow.Current.Seq);
            Assert.AreEqual(0, hub.GetSubscriberStats().Single().LagRecords);
        }
        finally
        {
            await cts.CancelAsync();
            try
            {
                await follow.DisposeAsync();
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static SampleRecord Sample(long i) => new(0, "run-1", "ch1", 1000 + i, 3.7, 1e-3, i * 1e-7, 0, "charge", 1, i);
}
