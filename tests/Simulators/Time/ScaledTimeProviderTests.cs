using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Time;

[TestClass]
public sealed class ScaledTimeProviderTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void GetUtcNow_Speed60OverVirtualBase_RunsSixtyTimesFaster()
    {
        var real = new VirtualTimeProvider();
        var scaled = new ScaledTimeProvider(60, Epoch, real);
        long stamp = scaled.GetTimestamp();

        real.Advance(TimeSpan.FromSeconds(90));

        Assert.AreEqual(Epoch.AddMinutes(90), scaled.GetUtcNow());
        Assert.AreEqual(TimeSpan.FromMinutes(90), scaled.GetElapsedTime(stamp));
    }

    [TestMethod]
    public void CreateTimer_OneShotAtSpeed60_FiresAfterScaledRealDelay()
    {
        var real = new VirtualTimeProvider();
        var scaled = new ScaledTimeProvider(60, Epoch, real);
        var firedAt = new List<DateTimeOffset>();
        using var timer = scaled.CreateTimer(_ => firedAt.Add(scaled.GetUtcNow()), null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);

        real.Advance(TimeSpan.FromSeconds(9.999));
        Assert.IsEmpty(firedAt);
        real.Advance(TimeSpan.FromSeconds(60));

        CollectionAssert.AreEqual(new[] { Epoch.AddMinutes(10) }, firedAt);
    }

    [TestMethod]
    public void CreateTimer_PeriodicAtSpeed60_FiresOncePerSimulatedPeriod()
    {
        var real = new VirtualTimeProvider();
        var scaled = new ScaledTimeProvider(60, Epoch, real);
        var firedAt = new List<DateTimeOffset>();
        using var timer = scaled.CreateTimer(_ => firedAt.Add(scaled.GetUtcNow()), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        real.Advance(TimeSpan.FromSeconds(10));

        CollectionAssert.AreEqual(Enumerable.Range(1, 10).Select(m => Epoch.AddMinutes(m)).ToArray(), firedAt);
    }

    [TestMethod]
    public void Change_RescheduleAndDisarm_FollowsLatestSchedule()
    {
        var real = new VirtualTimeProvider();
        var scaled = new ScaledTimeProvider(10, Epoch, real);
        int count = 0;
        using var timer = scaled.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        Assert.IsTrue(timer.Change(TimeSpan.FromSeconds(100), Timeout.InfiniteTimeSpan));
        real.Advance(TimeSpan.FromSeconds(9));
        Assert.AreEqual(0, count);
        real.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(1, count);

        timer.Change(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        real.Advance(TimeSpan.FromMinutes(10));
        Assert.AreEqual(1, count);
    }

    [TestMethod]
    public async Task Dispose_PeriodicTimer_StopsFiringAndChangeReturnsFalse()
    {
        var real = new VirtualTimeProvider();
        var scaled = new ScaledTimeProvider(60, Epoch, real);
        int count = 0;
        var timer = scaled.CreateTimer(_ => count++, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        real.Advance(TimeSpan.FromSeconds(3));

        await timer.DisposeAsync();
        real.Advance(TimeSpan.FromMinutes(1));

        Assert.AreEqual(3, count);
        Assert.IsFalse(timer.Change(TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan));
        Assert.AreEqual(0, real.ScheduledTimerCount);
    }

    [TestMethod]
    public void CreateTimer_BaseTimersFireEarly_ReArmsAndNeverFiresBeforeSimulatedDueTime()
    {
        var real = new VirtualTimeProvider();
        var scaled = new ScaledTimeProvider(3, Epoch, new EarlyFiringTimeProvider(real));
        var firedAt = new List<DateTimeOffset>();
        using var timer = scaled.CreateTimer(_ => firedAt.Add(scaled.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        real.Advance(TimeSpan.FromSeconds(1.9));

        Assert.HasCount(5, firedAt);
        for (int i = 0; i < firedAt.Count; i++)
        {
            Assert.IsGreaterThanOrEqualTo(Epoch.AddSeconds(i + 1), firedAt[i]);
            Assert.IsLessThan(Epoch.AddSeconds(i + 1.01), firedAt[i]);
        }
    }

    [TestMethod]
    public async Task TaskDelay_TenSimulatedSecondsAt1000x_CompletesAfterAboutTenRealMilliseconds()
    {
        var scaled = new ScaledTimeProvider(1000, Epoch);
        long realStart = TimeProvider.System.GetTimestamp();
        DateTimeOffset simulatedStart = scaled.GetUtcNow();

        await Task.Delay(TimeSpan.FromSeconds(10), scaled, CancellationToken.None);

        TimeSpan real = TimeProvider.System.GetElapsedTime(realStart);
        TestContext.WriteLine($"10 simulated seconds at 1000x took {real.TotalMilliseconds:F2} ms real.");
        Assert.IsGreaterThanOrEqualTo(simulatedStart.AddSeconds(10), scaled.GetUtcNow());
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(9.9), real);
        Assert.IsLessThan(TimeSpan.FromSeconds(2), real);
    }

    [TestMethod]
    public void Ctor_NonPositiveOrNonFiniteSpeed_ThrowsArgumentOutOfRange()
    {
        foreach (double speed in new[] { 0, -1, double.NaN, double.PositiveInfinity })
        {
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(speed, Epoch));
        }
    }
}
