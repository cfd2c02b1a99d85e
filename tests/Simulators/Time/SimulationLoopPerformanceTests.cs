using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Time;

[TestClass]
public sealed class SimulationLoopPerformanceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Run_TenSimulatedHoursOfNestedWaitsAndConcurrentActivities_FinishesWellUnderASecond()
    {
        var clock = new VirtualTimeProvider();
        var start = clock.GetUtcNow();
        int samples = 0, heartbeats = 0, scans = 0;
        DateTimeOffset previous = start;
        bool monotonic = true;

        void Observe()
        {
            var now = clock.GetUtcNow();
            monotonic &= now >= previous;
            previous = now;
        }

        // 10 cycles of 1 h = 60 steps of 1 min = 6 samples of 10 s: 3,600 nested delays.
        async Task Cycling(PeriodicTimer heartbeat, CancellationToken ct)
        {
            for (int cycle = 0; cycle < 10; cycle++)
            {
                for (int step = 0; step < 60; step++)
                {
                    for (int sample = 0; sample < 6; sample++)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(10), clock, ct);
                        samples++;
                        Observe();
                    }
                }
            }

            heartbeat.Dispose();
        }

        // A 1 s heartbeat on a PeriodicTimer: 36,000 ticks, stopped (disposed) when cycling ends.
        async Task Heartbeat(PeriodicTimer timer, CancellationToken ct)
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                heartbeats++;
                Observe();
            }
        }

        // A XANES scan every 30 min, each with its own 5 min timeout on the virtual clock.
        async Task Scans(CancellationToken ct)
        {
            for (int i = 0; i < 20; i++)
            {
                await Task.Delay(TimeSpan.FromMinutes(25), clock, ct);
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10), clock);
                await Task.Delay(TimeSpan.FromMinutes(5), clock, timeout.Token);
                scans++;
                Observe();
            }
        }

        long wallStart = TimeProvider.System.GetTimestamp();
        clock.Run(async ct =>
        {
            using var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
            await Task.WhenAll(Cycling(heartbeat, ct), Heartbeat(heartbeat, ct), Scans(ct));
        });
        TimeSpan wall = TimeProvider.System.GetElapsedTime(wallStart);

        TestContext.WriteLine($"10 simulated hours ({samples + heartbeats + scans} waits) took {wall.TotalMilliseconds:F1} ms of wall time.");
        Console.WriteLine($"10 simulated hours ({samples + heartbeats + scans} waits) took {wall.TotalMilliseconds:F1} ms of wall time.");
        Assert.AreEqual(3600, samples);
        Assert.AreEqual(36000, heartbeats);
        Assert.AreEqual(20, scans);
        Assert.IsTrue(monotonic);
        Assert.AreEqual(start.AddHours(10), clock.GetUtcNow());
        Assert.IsLessThan(TimeSpan.FromSeconds(5), wall, $"Wall time {wall.TotalMilliseconds:F1} ms; expected well under a second.");
    }
}
