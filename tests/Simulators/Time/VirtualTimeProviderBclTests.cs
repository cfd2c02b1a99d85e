using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Time;

/// <summary>The BCL's TimeProvider-aware waits, driven by manual <see cref="VirtualTimeProvider.Advance"/>.</summary>
[TestClass]
public sealed class VirtualTimeProviderBclTests
{
    [TestMethod]
    public async Task TaskDelay_OnVirtualClock_CompletesOnlyWhenAdvancedPastDelay()
    {
        var clock = new VirtualTimeProvider();
        Task delay = Task.Delay(TimeSpan.FromHours(2), clock, CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromTicks(1));
        Assert.IsFalse(delay.IsCompleted);

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.IsTrue(delay.IsCompletedSuccessfully);
        await delay;
    }

    [TestMethod]
    public void TaskDelay_ManyDelaysCreatedOutOfOrder_CompleteInDueOrder()
    {
        var clock = new VirtualTimeProvider();
        var completed = new List<int>();
        var delays = new[] { 7, 3, 9, 1, 5, 3 }
            .Select((minutes, index) => Task.Delay(TimeSpan.FromMinutes(minutes), clock, CancellationToken.None)
                .ContinueWith(_ => completed.Add(index), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default))
            .ToArray();

        clock.Advance(TimeSpan.FromMinutes(10));

        CollectionAssert.AreEqual(new[] { 3, 1, 5, 4, 0, 2 }, completed);
        Assert.IsTrue(delays.All(d => d.IsCompletedSuccessfully));
    }

    [TestMethod]
    public async Task TaskDelay_TokenCancelledBeforeDue_ThrowsTaskCanceled()
    {
        var clock = new VirtualTimeProvider();
        using var cts = new CancellationTokenSource();
        Task delay = Task.Delay(TimeSpan.FromHours(1), clock, cts.Token);

        clock.Advance(TimeSpan.FromMinutes(30));
        await cts.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => delay);
        Assert.AreEqual(0, clock.ScheduledTimerCount);
    }

    [TestMethod]
    public async Task PeriodicTimer_OnVirtualClock_TicksOncePerPeriod()
    {
        var clock = new VirtualTimeProvider();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);

        for (int i = 1; i <= 5; i++)
        {
            ValueTask<bool> tick = timer.WaitForNextTickAsync(CancellationToken.None);
            Assert.IsFalse(tick.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.IsTrue(await tick);
            Assert.AreEqual(VirtualTimeProvider.DefaultStart.AddSeconds(10 * i), clock.GetUtcNow());
        }
    }

    [TestMethod]
    public async Task WaitAsync_TimeoutOnVirtualClock_ThrowsTimeoutAtDeadline()
    {
        var clock = new VirtualTimeProvider();
        var never = new TaskCompletionSource();
        Task wait = never.Task.WaitAsync(TimeSpan.FromSeconds(30), clock, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.IsFalse(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsExactlyAsync<TimeoutException>(() => wait);
    }

    [TestMethod]
    public async Task WaitAsync_TaskCompletesBeforeTimeout_ReturnsResult()
    {
        var clock = new VirtualTimeProvider();
        var source = new TaskCompletionSource<int>();
        Task<int> wait = source.Task.WaitAsync(TimeSpan.FromSeconds(30), clock, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(10));
        source.SetResult(42);

        Assert.AreEqual(42, await wait);
        Assert.AreEqual(0, clock.ScheduledTimerCount);
    }

    [TestMethod]
    public void CancellationTokenSource_WithVirtualDelay_CancelsExactlyAtDueTime()
    {
        var clock = new VirtualTimeProvider();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5), clock);
        DateTimeOffset? cancelledAt = null;
        using var registration = cts.Token.Register(() => cancelledAt = clock.GetUtcNow());

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.IsFalse(cts.IsCancellationRequested);
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.IsTrue(cts.IsCancellationRequested);
        Assert.AreEqual(VirtualTimeProvider.DefaultStart.AddMinutes(5), cancelledAt);
    }
}
