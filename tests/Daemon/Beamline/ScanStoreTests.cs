using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Tests.Beamline;

[TestClass]
public sealed class ScanStoreTests
{
    public TestContext TestContext { get; set; } = null!;

    private static ScanPointRecord Point(int i, CellStateTag? tag = null) => new(
        "beamline/points", 0, "scan-1", "run-1", i, 0, "A", 1.7e9 + i, 8333 + i, new Dictionary<string, double> { ["x"] = 1.5 },
        new Dictionary<string, double> { ["det.I0"] = 1e8 + i, ["det.It"] = 5e7 }, 1e8 + i, 1, 0.2, 1200, 299.5, tag);

    [TestMethod]
    public async Task Publish_PointsWithAndWithoutTags_StoredInOrderAndNumberingContinuesAfterReopen()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scanstore-{Guid.NewGuid():N}.db");
        var tag = new CellStateTag("ch1", 3.9, 1e-4, 1.2e-3, 0.62, 3, 4, "charge");
        await using (var sqlite = await SqliteStore.OpenAsync(path, TestContext.CancellationToken))
        {
            await using var store = await ScanStore.OpenAsync(path, NullLogger<ScanStore>.Instance, TestContext.CancellationToken);
            Assert.AreEqual(1, store.Publish(Point(0, tag)).Seq);
            Assert.AreEqual(2, store.Publish(Point(1)).Seq);
            await store.FlushAsync(TestContext.CancellationToken);
        }

        await using (var store = await ScanStore.OpenAsync(path, NullLogger<ScanStore>.Instance, TestContext.CancellationToken))
        {
            Assert.AreEqual(3, store.Publish(Point(2)).Seq, "numbering continues after what the file holds");
            await store.FlushAsync(TestContext.CancellationToken);
            var points = await store.ReadScanAsync("scan-1", TestContext.CancellationToken);
            Assert.HasCount(3, points);
            Assert.AreEqual(tag, points[0].Tag);
            Assert.IsNull(points[1].Tag);
            Assert.AreEqual(1e8 + 1, points[1].Counts["det.I0"]);
            Assert.AreEqual(1.5, points[2].PositionsMm["x"]);
            Assert.AreEqual(299.5, points[2].RingCurrentMa);
        }

        File.Delete(path);
    }

    [TestMethod]
    public async Task RecordScan_EndedScan_SummaryWithDeadTimeAndDoseReadBack()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scanstore-{Guid.NewGuid():N}.db");
        await using (var store = await ScanStore.OpenAsync(path, NullLogger<ScanStore>.Instance, TestContext.CancellationToken))
        {
            var dead = new DeadTimeBreakdown(100, 80, 10, 2, 1, 5, 1.5, 0.5);
            store.RecordScan(new ScanResult("scan-9", "run-1", "plan", ScanEndReason.Completed, "ok", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(100),
                [], dead, new Dictionary<string, double> { ["A"] = 1e6 }, 1, 1, 0, []));
            await store.FlushAsync(TestContext.CancellationToken);
            var summary = await store.ReadSummaryAsync("scan-9", TestContext.CancellationToken);

            Assert.IsNotNull(summary);
            Assert.AreEqual(dead, summary.DeadTime);
            Assert.AreEqual(1e6, summary.SpotDoseGy["A"]);
            Assert.AreEqual(ScanEndReason.Completed, summary.EndReason);
        }

        File.Delete(path);
    }
}
