using System.Threading.Channels;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Time;

[TestClass]
public sealed class SimulationLoopTests
{
    private static readonly DateTimeOffset Start = VirtualTimeProvider.DefaultStart;

    [TestMethod]
    public void Run_SingleDelay_JumpsClockAndCompletes()
    {
        var clock = new VirtualTimeProvider();

        clock.Run(ct => Task.Delay(TimeSpan.FromDays(3), clock, ct));

        Assert.AreEqual(Start.AddDays(3), clock.GetUtcNow());
    }

    [TestMethod]
    public void Run_GenericSimulation_ReturnsResultAndContinuesOnLoopThread()
    {
        var clock = new VirtualTimeProvider();
        var loop = new SimulationLoop(clock);
        int loopThread = Environment.CurrentManagedThreadId;

        var (threads, onLoop) = loop.Run(async ct =>
        {
            var seen = new HashSet<int>();
            bool alwaysOnLoop = true;
            for (int i = 0; i < 20; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(i + 1), clock, ct);
                seen.Add(Environment.CurrentManagedThreadId);
                alwaysOnLoop &= SimulationLoop.Current == loop;
            }

            return (seen, alwaysOnLoop);
        });

        CollectionAssert.AreEqual(new[] { loopThread }, threads.ToArray());
        Assert.IsTrue(onLoop);
        Assert.AreEqual(Start.AddSeconds(210), clock.GetUtcNow());
    }

    [TestMethod]
    public void RunConcurrently_TwoPeriodicActivities_InterleaveExactlyWithTiesInTimerCreationOrder()
    {
        var clock = new VirtualTimeProvider();
        var log = new List<string>();
        Func<CancellationToken, Task> Every(string name, int seconds, int until) => async ct =>
        {
            for (int t = seconds; t <= until; t += seconds)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), clock, ct);
                log.Add($"{name}{(clock.GetUtcNow() - Start).TotalSeconds}");
            }
        };

        new SimulationLoop(clock).RunConcurrently([Every("A", 2, 12), Every("B", 3, 12)]);

        // At 6 s and 12 s both are due; B's delay was created earlier (at 3 s vs 4 s, at 9 s vs 10 s), so B goes first.
        CollectionAssert.AreEqual(
            new[] { "A2", "B3", "A4", "B6", "A6", "A8", "B9", "A10", "B12", "A12" },
            log);
    }

    [TestMethod]
    public void Run_ProducerConsumerOverChannel_ConsumerSeesEachSampleAtItsVirtualTime()
    {
        var clock = new VirtualTimeProvider();
        var channel = Channel.CreateUnbounded<DateTimeOffset>();
        var lags = new List<TimeSpan>();

        clock.Run(_ => Task.WhenAll(Produce(), Consume()));

        Assert.HasCount(60, lags);
        Assert.IsTrue(lags.All(l => l == TimeSpan.Zero));

        async Task Produce()
        {
            for (int i = 0; i < 60; i++)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), clock, CancellationToken.None);
                await channel.Writer.WriteAsync(clock.GetUtcNow());
            }

            channel.Writer.Complete();
        }

        // ReadAsync resumes through the loop's context; ReadAllAsync would hop through the thread pool, which the
        // loop only tracks best-effort (see SimulationLoop remarks).
        async Task Consume()
        {
            while (await channel.Reader.WaitToReadAsync())
            {
                lags.Add(clock.GetUtcNow() - await channel.Reader.ReadAsync());
            }
        }
    }

    [TestMethod]
    public void Run_PeriodicTimerAndWaitAsyncOnLoop_UseVirtualTime()
    {
        var clock = new VirtualTimeProvider();
        var ticks = new List<DateTimeOffset>();

        clock.Run(async ct =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(15), clock);
            while (ticks.Count < 8 && await timer.WaitForNextTickAsync(ct))
            {
                ticks.Add(clock.GetUtcNow());
            }

            try
            {
                await new TaskCompletionSource().Task.WaitAsync(TimeSpan.FromSeconds(30), clock, ct);
                Assert.Fail("WaitAsync should have timed out.");
            }
            catch (TimeoutException)
            {
            }
        });

        CollectionAssert.AreEqual(Enumerable.Range(1, 8).Select(i => Start.AddMinutes(15 * i)).ToArray(), ticks);
        Assert.AreEqual(Start.AddHours(2).AddSeconds(30), clock.GetUtcNow());
    }

    [TestMethod]
    public void Run_SimulationThrowsAfterDelay_PropagatesOriginalException()
    {
        var clock = new VirtualTimeProvider();

        var ex = Assert.ThrowsExactly<InvalidDataException>(() => clock.Run(async ct =>
        {
            await Task.Delay(TimeSpan.FromHours(1), clock, ct);
            throw new InvalidDataException("cell voltage out of range");
        }));

        Assert.AreEqual("cell voltage out of range", ex.Message);
        Assert.AreEqual(Start.AddHours(1), clock.GetUtcNow());
    }

    [TestMethod]
    public void Run_SimulationThrowsSynchronously_PropagatesOriginalException()
    {
        var clock = new VirtualTimeProvider();

        Assert.ThrowsExactly<ArgumentException>(() => clock.Run(_ => throw new ArgumentException("bad step")));
    }

    [TestMethod]
    public void Run_VirtualTimerCancelsToken_EndsWaitAtVirtualDeadline()
    {
        var clock = new VirtualTimeProvider();

        Assert.Throws<OperationCanceledException>(() => clock.Run(async _ =>
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5), clock);
            await Task.Delay(TimeSpan.FromHours(1), clock, deadline.Token);
        }));

        Assert.AreEqual(Start.AddMinutes(5), clock.GetUtcNow());
    }

    [TestMethod]
    public async Task RunAsync_CallerCancels_EndsVirtualWaitWithOperationCanceled()
    {
        var clock = new VirtualTimeProvider();
        var loop = new SimulationLoop(clock) { ExternalWorkTimeout = TimeSpan.FromSeconds(30) };
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();

        Task run = loop.RunAsync(
            async ct =>
            {
                await Task.Delay(TimeSpan.FromHours(1), clock, ct);
                waiting.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, clock, ct);
            },
            cts.Token);
        await waiting.Task;
        await cts.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => run);
        Assert.IsTrue(run.IsCanceled);
        Assert.AreEqual(Start.AddHours(1), clock.GetUtcNow());
    }

    [TestMethod]
    public void Run_AwaitsTaskNothingCanComplete_ThrowsDeadlockInvalidOperation()
    {
        var clock = new VirtualTimeProvider();
        var loop = new SimulationLoop(clock) { ExternalWorkTimeout = TimeSpan.Zero };
        var never = new TaskCompletionSource();

        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => loop.Run(async ct =>
        {
            await Task.Delay(TimeSpan.FromMinutes(10), clock, ct);
            await never.Task;
        }));

        StringAssert.Contains(ex.Message, "awaits something that no virtual timer or posted work can complete");
        Assert.AreEqual(Start.AddMinutes(10), clock.GetUtcNow());
    }

    [TestMethod]
    public void Run_ContinuationPostedFromThreadPool_IsPickedUpWithoutTimers()
    {
        var clock = new VirtualTimeProvider();

        int result = new SimulationLoop(clock).Run(async _ =>
        {
            int computed = await Task.Run(() => Enumerable.Range(1, 1000).Sum());
            await Task.Delay(TimeSpan.FromMinutes(1), clock, CancellationToken.None);
            return computed;
        });

        Assert.AreEqual(500500, result);
        Assert.AreEqual(Start.AddMinutes(1), clock.GetUtcNow());
    }

    [TestMethod]
    public void BeginExternalWork_WhileOpen_HoldsVirtualTimeForOtherActivities()
    {
        var clock = new VirtualTimeProvider();
        var loop = new SimulationLoop(clock);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? afterExternal = null;

        loop.RunConcurrently(
        [
            async ct =>
            {
                using (loop.BeginExternalWork())
                {
                    _ = Task.Run(release.SetResult, ct);
                    await release.Task;
                }

                afterExternal = clock.GetUtcNow();
            },
            ct => Task.Delay(TimeSpan.FromHours(5), clock, ct),
        ]);

        Assert.AreEqual(Start, afterExternal);
        Assert.AreEqual(Start.AddHours(5), clock.GetUtcNow());
    }

    [TestMethod]
    public void Run_SecondLoopOnSameClockWhileRunning_ThrowsInvalidOperation()
    {
        var clock = new VirtualTimeProvider();

        clock.Run(async ct =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
            await Assert.ThrowsExactlyAsync<InvalidOperationException>(
                () => Task.Run(() => new SimulationLoop(clock).Run(_ => Task.CompletedTask), ct));
        });
    }

    [TestMethod]
    public void ExternalWorkTimeout_Negative_ThrowsArgumentOutOfRange()
    {
        var clock = new VirtualTimeProvider();

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SimulationLoop(clock) { ExternalWorkTimeout = TimeSpan.FromSeconds(-1) });
    }
}
