using System.Globalization;
using OperandoRig.Daemon.Tests.Api;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>A stock Python grpcio client (clients/python) starts a protocol on the daemon and receives its samples.</summary>
[TestClass]
public sealed class PythonClientEndToEndTests
{
    [TestMethod]
    public async Task StreamSamples_PythonClient_ReceivesEverySampleOfTheRun()
    {
        using var python = await PythonInterop.PrepareAsync(CancellationToken.None);
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        var target = new Uri(daemon.Address).Authority;

        var result = await python.RunCaseAsync(target, "samples", ["--count", "141"], CancellationToken.None);

        Assert.AreEqual(0, result.ExitCode, result.Describe());
        Assert.AreEqual("141", result.Figures["received"]);
        Assert.AreEqual(140, double.Parse(result.Figures["span_s"], CultureInfo.InvariantCulture), 1e-6);
        Assert.AreEqual(1, double.Parse(result.Figures["min_gap_s"], CultureInfo.InvariantCulture), 1e-6);
        Assert.AreEqual(1, double.Parse(result.Figures["max_gap_s"], CultureInfo.InvariantCulture), 1e-6);
        Assert.AreEqual("0,1,2", result.Figures["steps"]);
        Assert.AreEqual(60e-3 / 3600, double.Parse(result.Figures["charge_after_charge_ah"], CultureInfo.InvariantCulture), 1e-12);
        Assert.AreEqual(0, double.Parse(result.Figures["last_charge_ah"], CultureInfo.InvariantCulture), 1e-12);
    }

    [TestMethod]
    public async Task ControlRun_PythonClient_PausesResumesAndStops()
    {
        using var python = await PythonInterop.PrepareAsync(CancellationToken.None);
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        var target = new Uri(daemon.Address).Authority;

        var result = await python.RunCaseAsync(target, "control", [], CancellationToken.None);

        Assert.AreEqual(0, result.ExitCode, result.Describe());
        Assert.AreEqual("Paused", result.Figures["paused"]);
        Assert.AreEqual("Running", result.Figures["resumed"]);
        Assert.AreEqual("Finished", result.Figures["stopped"]);
        StringAssert.Contains(result.Figures["end_reason"], "python: done");
        StringAssert.Contains(result.Figures["refused"], "cannot resume while Finished");
        Assert.IsGreaterThan(0, double.Parse(result.Figures["charge_ah"], CultureInfo.InvariantCulture));
    }
}
