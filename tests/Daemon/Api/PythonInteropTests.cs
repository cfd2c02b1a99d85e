using System.Globalization;

namespace OperandoRig.Daemon.Tests.Api;

/// <summary>
/// Acceptance: stock Python grpcio against the daemon's gRPC services, hosted in-process on 127.0.0.1 (HTTP/2 only,
/// port picked by the OS). Each test runs one case of clients/python/tests/interop_check.py.
/// </summary>
[TestClass]
public sealed class PythonInteropTests
{
    private static DaemonGrpcHost? s_host;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartDaemonAsync(TestContext context)
    {
        s_host = await DaemonGrpcHost.StartAsync();
    }

    [ClassCleanup]
    public static async Task StopDaemonAsync()
    {
        if (s_host is not null)
        {
            await s_host.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Ping_PythonUnaryCall_EchoesPayload()
    {
        var result = await RunAsync("unary");

        Assert.AreEqual("true", result.Figures["payload_ok"], result.Describe());
        Assert.IsGreaterThan(1e9, double.Parse(result.Figures["server_time_unix_s"], CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public async Task Count_PythonServerStreamOfTenThousand_AllReceivedInOrder()
    {
        var result = await RunAsync("stream", "--count", "10000");

        Assert.AreEqual("10000", result.Figures["received"], result.Describe());
        Assert.AreEqual("true", result.Figures["in_order"], result.Describe());
    }

    [TestMethod]
    public async Task Fail_PythonCall_GetsStatusCodeAndMessage()
    {
        const string message = "cell 3 is not ready — 100% sure";

        var result = await RunAsync("error", "--message", message);

        Assert.AreEqual("FAILED_PRECONDITION", result.Figures["code"], result.Describe());
        Assert.AreEqual(message, result.Figures["details"], result.Describe());
    }

    [TestMethod]
    public async Task Sleep_PythonCallWithShortDeadline_DeadlineExceeded()
    {
        var result = await RunAsync("deadline", "--deadline-s", "0.5");

        Assert.AreEqual("DEADLINE_EXCEEDED", result.Figures["code"], result.Describe());
    }

    [TestMethod]
    public async Task Count_PythonCancelsStream_ServerStopsProducingAndCountsOneCancel()
    {
        var result = await RunAsync("cancel", "--count", "200");

        Assert.AreEqual("200", result.Figures["received"], result.Describe());
        Assert.AreEqual(result.Figures["produced"], result.Figures["produced_after"], "produced must stop growing once the stream is cancelled");
        Assert.AreEqual("0", result.Figures["active"], result.Describe());
        Assert.AreEqual("1", result.Figures["cancelled"], result.Describe());
    }

    private async Task<InteropResult> RunAsync(string caseName, params string[] extraArgs)
    {
        using var python = await PythonInterop.PrepareAsync(TestContext.CancellationToken);
        var result = await python.RunCaseAsync(s_host!.Target, caseName, extraArgs, TestContext.CancellationToken);
        TestContext.WriteLine(result.Describe());
        Assert.AreEqual(0, result.ExitCode, result.Describe());
        Assert.AreEqual("ok", result.Figures.GetValueOrDefault("result"), result.Describe());
        return result;
    }
}
