using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Operando.Beam;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Operando;

[TestClass]
public sealed class BeamTimeArbiterTests
{
    /// <summary>
    /// Requests arrive at the given seconds; each holds the beam for 100 s. Returns the grant order (request ids) and the
    /// log of events.
    /// </summary>
    private static (List<string> Order, OperandoEventLog Log) Serve(BeamPolicy policy, params (string Id, double AtS, int Priority)[] requests)
    {
        var clock = new VirtualTimeProvider();
        var log = new OperandoEventLog();
        var arbiter = new BeamTimeArbiter(policy, clock, log);
        var order = new List<string>();
        new SimulationLoop(clock).Run(ct => Task.WhenAll(requests.Select(async r =>
        {
            await Task.Delay(TimeSpan.FromSeconds(r.AtS), clock, ct);
            using var lease = await arbiter.AcquireAsync(new BeamRequest(r.Id, "ch-" + r.Id, "run-" + r.Id, r.Priority, "test"), ct);
            order.Add(r.Id);
            await Task.Delay(TimeSpan.FromSeconds(100), clock, ct);
        })));
        return (order, log);
    }

    [TestMethod]
    public void AcquireAsync_FirstComeFirstServed_GrantsInArrivalOrder()
    {
        var (order, log) = Serve(BeamPolicy.FirstComeFirstServed, ("a", 0, 0), ("b", 10, 5), ("c", 20, 9));

        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, order);
        var waits = log.OfKind("beam.grant").Select(e => double.Parse(e.Fields["waited_s"], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        CollectionAssert.AreEqual(new[] { 0.0, 90.0, 180.0 }, waits, "each wait is recorded");
        Assert.HasCount(3, log.OfKind("beam.release"));
    }

    [TestMethod]
    public void AcquireAsync_Priority_ServesHigherPriorityFirstAmongWaiting()
    {
        var (order, _) = Serve(new BeamPolicy(BeamOrder.Priority, null), ("a", 0, 0), ("b", 10, 1), ("c", 20, 9), ("d", 30, 9));

        CollectionAssert.AreEqual(new[] { "a", "c", "d", "b" }, order, "a holds the beam; then c and d (priority 9, first come), then b");
    }

    [TestMethod]
    public void AcquireAsync_MaximumWaitExceeded_ServesTheOverdueRequestBeforeHigherPriorities()
    {
        var (order, log) = Serve(new BeamPolicy(BeamOrder.Priority, 150), ("a", 0, 0), ("low", 10, 1), ("h1", 20, 9), ("h2", 120, 9));

        // At 100 s: low waited 90 s (not overdue): h1 (priority). At 200 s: low waited 190 s > 150 s: low before h2.
        CollectionAssert.AreEqual(new[] { "a", "h1", "low", "h2" }, order);
        var lowGrant = log.OfKind("beam.grant").Single(e => e.Fields["request_id"] == "low");
        StringAssert.Contains(lowGrant.Fields["reason"], "over the maximum wait of 150 s");
    }

    [TestMethod]
    public void AcquireAsync_CancelledWhileWaiting_WithdrawsAndTheNextIsServed()
    {
        var clock = new VirtualTimeProvider();
        var log = new OperandoEventLog();
        var arbiter = new BeamTimeArbiter(BeamPolicy.FirstComeFirstServed, clock, log);
        var order = new List<string>();

        new SimulationLoop(clock).Run(async ct =>
        {
            var first = await arbiter.AcquireAsync(new BeamRequest("a", "ch1", "r", 0, "t"), ct);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
            var withdrawn = arbiter.AcquireAsync(new BeamRequest("b", "ch2", "r", 0, "t"), cancel.Token);
            var third = arbiter.AcquireAsync(new BeamRequest("c", "ch3", "r", 0, "t"), ct);
            await Task.Delay(TimeSpan.FromSeconds(10), clock, ct);
            await Assert.ThrowsAsync<OperationCanceledException>(() => withdrawn);
            first.Dispose();
            using var lease = await third;
            order.Add(lease.Request.RequestId);
        });

        CollectionAssert.AreEqual(new[] { "c" }, order);
        Assert.HasCount(1, log.OfKind("beam.withdrawn"));
    }
}
