using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Data.Influx;
using OperandoRig.Simulators.Time;
using Polly.CircuitBreaker;

namespace OperandoRig.Daemon.Tests.Data.Influx;

[TestClass]
public sealed class InfluxHttpWriterTests
{
    private static readonly InfluxOptions Options = new()
    {
        Url = "http://127.0.0.1:8086",
        Database = "operando",
        RetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(8),
        BreakerFailures = 100,
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("m v=1 1\nm v=2 2\n");

    /// <summary>Runs <paramref name="work"/> on a simulation loop over a fresh virtual clock; returns the clock and fake.</summary>
    private static (VirtualTimeProvider Clock, FakeInfluxHandler Fake, T Result) Simulate<T>(
        InfluxOptions options, Action<FakeInfluxHandler> script, Func<InfluxHttpWriter, CancellationToken, Task<T>> work, double jitter = 1.0)
    {
        var clock = new VirtualTimeProvider();
        var fake = new FakeInfluxHandler(clock);
        script(fake);
        using var http = new HttpClient(fake) { Timeout = Timeout.InfiniteTimeSpan };
        var writer = new InfluxHttpWriter(options, http, clock, NullLogger.Instance, () => jitter - 1e-12);
        var result = NewLoop(clock).Run(ct => work(writer, ct));
        return (clock, fake, result);
    }

    /// <remarks>Assertions use the gaps between requests (each delay is measured from the virtual instant its wait
    /// starts), and no test arms foreign timers, so the result does not depend on when the loop jumps.</remarks>
    private static SimulationLoop NewLoop(VirtualTimeProvider clock) => new(clock) { ExternalWorkTimeout = TimeSpan.FromSeconds(30) };

    private static double[] SecondsBetween(FakeInfluxHandler fake) =>
        fake.Requests.Zip(fake.Requests.Skip(1), (a, b) => Math.Round((b.At - a.At).TotalSeconds, 3)).ToArray();

    [TestMethod]
    public void WriteAsync_V1_PostsGzipWithBasicAuthAndExplicitPrecision()
    {
        var options = Options with { Username = "rig", Password = "pw" };
        var (_, fake, result) = Simulate(options, _ => { }, (w, ct) => w.WriteAsync(Body, ct));
        var r = fake.Requests.Single();
        Assert.AreEqual("http://127.0.0.1:8086/write?db=operando&precision=ns", r.Uri.AbsoluteUri);
        Assert.AreEqual("gzip", r.ContentEncoding);
        Assert.AreEqual("text/plain; charset=utf-8", r.ContentType);
        Assert.AreEqual("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("rig:pw")), r.Authorization);
        Assert.AreEqual("m v=1 1\nm v=2 2\n", r.Body);
        Assert.AreEqual(1, result.Attempts);
    }

    [TestMethod]
    public void WriteAsync_V2_PostsToApiV2WriteWithTokenHeader()
    {
        var options = new InfluxOptions { Url = "http://127.0.0.1:8086", Api = InfluxApiVersion.V2, Org = "beamline", Bucket = "op", Token = "s3cr3t", Gzip = false };
        var (_, fake, _) = Simulate(options, _ => { }, (w, ct) => w.WriteAsync(Body, ct));
        var r = fake.Requests.Single();
        Assert.AreEqual("http://127.0.0.1:8086/api/v2/write?org=beamline&bucket=op&precision=ns", r.Uri.AbsoluteUri);
        Assert.AreEqual("Token s3cr3t", r.Authorization);
        Assert.IsNull(r.ContentEncoding);
        Assert.AreEqual("m v=1 1\nm v=2 2\n", r.Body);
    }

    [TestMethod]
    public void WriteAsync_ServerErrors_RetriesWithExponentialBackOffCappedAtMaxDelay()
    {
        var (_, fake, result) = Simulate(Options, f => f.Enqueue(HttpStatusCode.InternalServerError, "boom", times: 6), (w, ct) => w.WriteAsync(Body, ct));
        Assert.AreEqual(7, result.Attempts);
        CollectionAssert.AreEqual(new[] { 1.0, 2, 4, 8, 8, 8 }, SecondsBetween(fake), string.Join(" ", SecondsBetween(fake))); // jitter at its top: d = min(1 s * 2^n, 8 s)
    }

    [TestMethod]
    public void WriteAsync_Jitter_SpreadsDelayBetweenHalfAndFull()
    {
        var (_, fake, _) = Simulate(Options, f => f.Enqueue(HttpStatusCode.ServiceUnavailable, times: 3), (w, ct) => w.WriteAsync(Body, ct), jitter: 0.0);
        CollectionAssert.AreEqual(new[] { 0.5, 1, 2 }, SecondsBetween(fake), string.Join(" ", SecondsBetween(fake)));
    }

    [TestMethod]
    public void WriteAsync_429WithRetryAfter_WaitsExactlyThatLongEvenAboveTheBackOffCap()
    {
        var (_, fake, result) = Simulate(Options, f =>
        {
            f.Enqueue(HttpStatusCode.TooManyRequests, "{\"code\":\"too many requests\"}", retryAfter: "17");
            f.Enqueue(HttpStatusCode.ServiceUnavailable, retryAfter: "3");
        }, (w, ct) => w.WriteAsync(Body, ct));
        Assert.AreEqual(3, result.Attempts);
        CollectionAssert.AreEqual(new[] { 17.0, 3 }, SecondsBetween(fake));
    }

    [TestMethod]
    public void WriteAsync_RetryAfterBeyondMaximum_IsCapped()
    {
        var (_, fake, _) = Simulate(Options with { MaxRetryAfter = TimeSpan.FromSeconds(60) },
            f => f.Enqueue(HttpStatusCode.TooManyRequests, retryAfter: "3600"), (w, ct) => w.WriteAsync(Body, ct));
        CollectionAssert.AreEqual(new[] { 60.0 }, SecondsBetween(fake));
    }

    [TestMethod]
    public void WriteAsync_ConnectionRefused_IsRetriedUntilTheServerIsBack()
    {
        InfluxHttpWriter? writer = null;
        var (_, fake, result) = Simulate(Options, f => f.RefuseNext = 5, (w, ct) =>
        {
            writer = w;
            return w.WriteAsync(Body, ct);
        });
        CollectionAssert.AreEqual(new[] { 1.0, 2, 4, 8, 8 }, SecondsBetween(fake), string.Join(" ", SecondsBetween(fake)));
        Assert.AreEqual(0, (int)fake.Requests[0].Status);
        Assert.AreEqual(HttpStatusCode.NoContent, fake.Requests[^1].Status);
        Assert.AreEqual(6, result.Attempts);
        Assert.IsNull(writer!.LastError);
    }

    [TestMethod]
    public void WriteAsync_RepeatedFailures_OpenCircuitThenOneTrialAfterTheBreak()
    {
        var options = Options with { BreakerFailures = 3, BreakDuration = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromSeconds(1) };
        var clock = new VirtualTimeProvider();
        var fake = new FakeInfluxHandler(clock);
        fake.Enqueue(HttpStatusCode.ServiceUnavailable, "down", times: 4);
        using var http = new HttpClient(fake) { Timeout = Timeout.InfiniteTimeSpan };
        var writer = new InfluxHttpWriter(options, http, clock, NullLogger.Instance, () => 1 - 1e-12);
        var states = new List<CircuitState>();
        fake.OnRequest = () => states.Add(writer.CircuitState);
        var result = NewLoop(clock).Run(ct => writer.WriteAsync(Body, ct));

        // Three failures 1 s apart open the circuit; no request reaches the server for the 30 s break; then one
        // trial (failing: the circuit opens again for 30 s), then the next trial succeeds.
        CollectionAssert.AreEqual(new[] { 1.0, 1, 30, 30 }, SecondsBetween(fake), string.Join(" ", SecondsBetween(fake)));
        CollectionAssert.AreEqual(
            new[] { CircuitState.Closed, CircuitState.Closed, CircuitState.Closed, CircuitState.HalfOpen, CircuitState.HalfOpen }, states);
        Assert.AreEqual(CircuitState.Closed, writer.CircuitState);
        Assert.AreEqual(5, result.Attempts);
        Assert.IsTrue(writer.Retries > 4, "attempts refused by the open circuit are retried too");
    }

    [TestMethod]
    public void WriteAsync_400BadLineProtocol_FailsAtOnceWithTheServerMessage()
    {
        const string serverSays = "{\"error\":\"unable to parse 'm v=': missing field value\"}";
        var clock = new VirtualTimeProvider();
        var fake = new FakeInfluxHandler(clock);
        fake.Enqueue(HttpStatusCode.BadRequest, serverSays);
        using var http = new HttpClient(fake) { Timeout = Timeout.InfiniteTimeSpan };
        var writer = new InfluxHttpWriter(Options, http, clock, NullLogger.Instance);
        var e = NewLoop(clock).Run(async ct => await Assert.ThrowsExactlyAsync<InfluxWriteException>(() => writer.WriteAsync(Body, ct)));
        Assert.AreEqual(HttpStatusCode.BadRequest, e.StatusCode);
        Assert.IsFalse(e.IsRetryable);
        Assert.AreEqual(serverSays, e.ServerMessage);
        StringAssert.Contains(e.Message, "400 BadRequest: the server rejected the line protocol; server said: " + serverSays);
        Assert.AreEqual(1, fake.Requests.Count);
        Assert.AreEqual(e.Message, writer.LastError);
    }

    [TestMethod]
    public void WriteAsync_401And403And404_FailAtOnceNamingTheConfigKeys()
    {
        foreach (var (status, hint) in new[] { (HttpStatusCode.Unauthorized, "influx.token"), (HttpStatusCode.Forbidden, "influx.token"), (HttpStatusCode.NotFound, "influx.database") })
        {
            var clock = new VirtualTimeProvider();
            var fake = new FakeInfluxHandler(clock);
            fake.Enqueue(status, "{\"error\":\"authorization failed\"}");
            using var http = new HttpClient(fake) { Timeout = Timeout.InfiniteTimeSpan };
            var writer = new InfluxHttpWriter(Options, http, clock, NullLogger.Instance);
            var e = NewLoop(clock).Run(async ct => await Assert.ThrowsExactlyAsync<InfluxWriteException>(() => writer.WriteAsync(Body, ct)));
            StringAssert.Contains(e.Message, hint);
            StringAssert.Contains(e.Message, "authorization failed");
            Assert.AreEqual(1, fake.Requests.Count, status.ToString());
        }
    }

    [TestMethod]
    public void WriteAsync_V1PartialWrite_IsAcceptedWithDroppedCount()
    {
        var (_, fake, result) = Simulate(Options,
            f => f.Enqueue(HttpStatusCode.BadRequest, "{\"error\":\"partial write: points beyond retention policy dropped=2\"}"),
            (w, ct) => w.WriteAsync(Body, ct));
        Assert.AreEqual(2, result.DroppedByServer);
        StringAssert.Contains(result.ServerMessage, "beyond retention policy");
        Assert.AreEqual(1, fake.Requests.Count);
    }

    [TestMethod]
    public void WriteAsync_AttemptHangs_TimesOutOnTheClockAndRetries()
    {
        var clock = new VirtualTimeProvider();
        var hang = new HangOnceHandler(new FakeInfluxHandler(clock));
        using var http = new HttpClient(hang) { Timeout = Timeout.InfiniteTimeSpan };
        var writer = new InfluxHttpWriter(Options with { RequestTimeout = TimeSpan.FromSeconds(10) }, http, clock, NullLogger.Instance, () => 1 - 1e-12);
        var result = NewLoop(clock).Run(ct => writer.WriteAsync(Body, ct));
        Assert.AreEqual(2, result.Attempts);
        Assert.AreEqual(11.0, (clock.GetUtcNow() - clock.Start).TotalSeconds, 1e-6, (clock.GetUtcNow() - clock.Start).TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)); // 10 s timeout + 1 s back-off
    }

    /// <summary>First request never answers (until cancelled); later ones go to the inner handler.</summary>
    private sealed class HangOnceHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
