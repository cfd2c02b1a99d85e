using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Time;

[TestClass]
public sealed class VirtualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void GetUtcNow_DefaultCtor_ReturnsDefaultStart()
    {
        var clock = new VirtualTimeProvider();

        Assert.AreEqual(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        Assert.AreEqual(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [TestMethod]
    public void GetUtcNow_StartWithOffset_ReturnsSameInstantInUtc()
    {
        var clock = new VirtualTimeProvider(new DateTimeOffset(2030, 6, 1, 14, 0, 0, TimeSpan.FromHours(2)));

        Assert.AreEqual(Start, clock.GetUtcNow());
        Assert.AreEqual(TimeSpan.Zero, clock.GetUtcNow().Offset);
    }

    [TestMethod]
    public void GetElapsedTime_AfterAdvance_MatchesVirtualTime()
    {
        var clock = new VirtualTimeProvider(Start);
        long before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMinutes(90));

        Assert.AreEqual(TimeSpan.FromMinutes(90), clock.GetElapsedTime(before));
        Assert.AreEqual(Start.AddMinutes(90), clock.GetUtcNow());
    }

    [TestMethod]
    public void Advance_TimersCreatedOutOfOrder_FireInDueOrderWithTiesInCreationOrder()
    {
        var clock = new VirtualTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        var timers = new List<ITimer>();
        foreach ((string name, int seconds) in new[] { ("e", 50), ("b", 20), ("c1", 30), ("a", 10), ("c2", 30), ("d", 40), ("c3", 30) })
        {
            timers.Add(clock.CreateTimer(_ => fired.Add((name, clock.GetUtcNow())), null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan));
        }

        clock.Advance(TimeSpan.FromMinutes(1));

        CollectionAssert.AreEqual(new[] { "a", "b", "c1", "c2", "c3", "d", "e" }, fired.Select(f => f.Name).ToArray());
        CollectionAssert.AreEqual(
            new[] { 10, 20, 30, 30, 30, 40, 50 }.Select(s => Start.AddSeconds(s)).ToArray(),
            fired.Select(f => f.At).ToArray());
        Assert.AreEqual(Start.AddMinutes(1), clock.GetUtcNow());
        timers.ForEach(t => t.Dispose());
    }

    [TestMethod]
    public void Advance_PeriodicTimer_FiresOncePerElapsedPeriod()
    {
        var clock = new VirtualTimeProvider(Start);
        var firedAt = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => firedAt.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(10.5));

        Assert.HasCount(10, firedAt);
        CollectionAssert.AreEqual(Enumerable.Range(1, 10).Select(s => Start.AddSeconds(s)).ToArray(), firedAt);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.HasCount(11, firedAt);
    }

    [TestMethod]
    public void Advance_PeriodicAndOneShotTimers_InterleaveByDueTime()
    {
        var clock = new VirtualTimeProvider(Start);
        var fired = new List<string>();
        using var periodic = clock.CreateTimer(_ => fired.Add("p"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var once = clock.CreateTimer(_ => fired.Add("o"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(8));

        CollectionAssert.AreEqual(new[] { "p", "p", "o", "p", "p" }, fired);
    }

    [TestMethod]
    public void Advance_ZeroDueTime_FiresOnNextAdvanceNotOnCreate()
    {
        var clock = new VirtualTimeProvider(Start);
        int count = 0;

        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        Assert.AreEqual(0, count);

        clock.Advance(TimeSpan.Zero);
        Assert.AreEqual(1, count);
    }

    [TestMethod]
    public void Change_ToLaterDueTime_FiresAtNewTimeOnly()
    {
        var clock = new VirtualTimeProvider(Start);
        var firedAt = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => firedAt.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        Assert.IsTrue(timer.Change(TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromMinutes(1));

        CollectionAssert.AreEqual(new[] { Start.AddSeconds(20) }, firedAt);
    }

    [TestMethod]
    public void Change_InfiniteDueTime_DisarmsTimer()
    {
        var clock = new VirtualTimeProvider(Start);
        int count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.IsTrue(timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromHours(1));

        Assert.AreEqual(3, count);
        Assert.AreEqual(0, clock.ScheduledTimerCount);
    }

    [TestMethod]
    public void Change_PeriodToInfinite_MakesTimerOneShot()
    {
        var clock = new VirtualTimeProvider(Start);
        int count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.AreEqual(1, count);
    }

    [TestMethod]
    public void Change_InsideCallback_ReArmsWithinSameAdvance()
    {
        var clock = new VirtualTimeProvider(Start);
        var firedAt = new List<DateTimeOffset>();
        ITimer? timer = null;
        timer = clock.CreateTimer(
            _ =>
            {
                firedAt.Add(clock.GetUtcNow());
                if (firedAt.Count < 3)
                {
                    timer!.Change(TimeSpan.FromSeconds(firedAt.Count * 10), Timeout.InfiniteTimeSpan);
                }
            },
            null,
            TimeSpan.FromSeconds(1),
            Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(1));

        CollectionAssert.AreEqual(new[] { Start.AddSeconds(1), Start.AddSeconds(11), Start.AddSeconds(31) }, firedAt);
        timer.Dispose();
    }

    [TestMethod]
    public void Change_WithNegativeDueTime_ThrowsArgumentOutOfRange()
    {
        var clock = new VirtualTimeProvider(Start);
        using var timer = clock.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromSeconds(-2), Timeout.InfiniteTimeSpan));
    }

    [TestMethod]
    public void Dispose_BeforeDue_TimerNeverFiresAndChangeReturnsFalse()
    {
        var clock = new VirtualTimeProvider(Start);
        int count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.AreEqual(0, count);
        Assert.IsFalse(timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
    }

    [TestMethod]
    public async Task DisposeAsync_PeriodicTimer_StopsFiring()
    {
        var clock = new VirtualTimeProvider(Start);
        int count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(2));

        await timer.DisposeAsync();
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.AreEqual(2, count);
    }

    [TestMethod]
    public void Dispose_InsideCallbackOfPeriodicTimer_StopsFurtherTicks()
    {
        var clock = new VirtualTimeProvider(Start);
        int count = 0;
        ITimer? timer = null;
        timer = clock.CreateTimer(_ => { if (++count == 2) { timer!.Dispose(); } }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.AreEqual(2, count);
    }

    [TestMethod]
    public void AdvanceTo_PastInstant_ThrowsArgumentOutOfRange()
    {
        var clock = new VirtualTimeProvider(Start);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => clock.AdvanceTo(Start));
    }

    [TestMethod]
    public void Advance_NegativeDelta_ThrowsArgumentOutOfRange()
    {
        var clock = new VirtualTimeProvider(Start);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
    }

    [TestMethod]
    public void AdvanceToNextTimer_TwoTimers_JumpsToEarliestAndFiresOnlyIt()
    {
        var clock = new VirtualTimeProvider(Start);
        var fired = new List<int>();
        using var late = clock.CreateTimer(_ => fired.Add(2), null, TimeSpan.FromHours(3), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(1), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        Assert.IsTrue(clock.AdvanceToNextTimer());

        CollectionAssert.AreEqual(new[] { 1 }, fired);
        Assert.AreEqual(Start.AddHours(1), clock.GetUtcNow());
        Assert.AreEqual(Start.AddHours(3), clock.NextDueTime);
        Assert.IsTrue(clock.AdvanceToNextTimer());
        Assert.IsFalse(clock.AdvanceToNextTimer());
    }

    [TestMethod]
    public void Advance_CallbackThrows_ExceptionPropagatesAtThatTimersDueTime()
    {
        var clock = new VirtualTimeProvider(Start);
        using var timer = clock.CreateTimer(_ => throw new InvalidDataException("boom"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        Assert.ThrowsExactly<InvalidDataException>(() => clock.Advance(TimeSpan.FromMinutes(1)));
        Assert.AreEqual(Start.AddSeconds(5), clock.GetUtcNow());
    }

    [TestMethod]
    public void CreateTimer_FromManyThreads_EveryTimerFiresOnceInOrder()
    {
        var clock = new VirtualTimeProvider(Start);
        var firedAt = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        var timers = new System.Collections.Concurrent.ConcurrentBag<ITimer>();

        Parallel.For(0, 2000, i => timers.Add(
            clock.CreateTimer(_ => firedAt.Enqueue(clock.GetUtcNow()), null, TimeSpan.FromMilliseconds(i % 97), Timeout.InfiniteTimeSpan)));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.HasCount(2000, firedAt);
        CollectionAssert.AreEqual(firedAt.Order().ToArray(), firedAt.ToArray());
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    [TestMethod]
    public void CreateTimer_CallbackRunsInCreatorsExecutionContext()
    {
        var clock = new VirtualTimeProvider(Start);
        var local = new AsyncLocal<string>();
        string? seen = null;
        local.Value = "creator";
        using var timer = clock.CreateTimer(_ => seen = local.Value, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        local.Value = "advancer";

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.AreEqual("creator", seen);
    }
}
