using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Config;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Beamline;

[TestClass]
public sealed class BeamlineRuntimeTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task CreateAsync_BeamlineRigFile_SpectraAtEachCellsSpotsFollowThatCellAndAreStored()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"beamline-rig-{Guid.NewGuid():N}");
        var config = RigConfigLoader.Load(Path.Combine(RepoPaths.Root, "config", "rig.beamline.sim.yaml")) with { DataDirectory = dir };
        var clock = new VirtualTimeProvider();
        await using var rig = await RigRuntime.CreateAsync(config, clock, NullLoggerFactory.Instance, TestContext.CancellationToken);
        var beamline = rig.Beamline!;
        var plan = ScanPlanParser.Parse("""
            name: edge
            edge: Ni K
            regions: [{ from: -15 eV, to: 20 eV, step: 0.25 eV, count: 1 s }]
            detectors: [det]
            """, "edge.yaml");

        var (ch1, ch2) = new SimulationLoop(clock).Run(async ct =>
        {
            var a = await beamline.Runner.RunAsync(plan, new ScanRequest("run-1", "scan-ch1", Spots: [beamline.SpotsOf("ch1")[0]]), ct);
            var b = await beamline.Runner.RunAsync(plan, new ScanRequest("run-1", "scan-ch2", Spots: [beamline.SpotsOf("ch2")[0]]), ct);
            return (a, b);
        });

        double edge1 = EdgeEv(ch1), edge2 = EdgeEv(ch2);
        TestContext.WriteLine(FormattableString.Invariant($"edge at ch1.A (SOC 5 %): {edge1:F2} eV; at ch2.A (SOC 50 %): {edge2:F2} eV"));
        Assert.AreEqual(-5.0 + 0.015, ch1.Points[0].PositionsMm["x"], 1e-12, "spot A: 15 µm right of the window centre at x = -5 mm");
        Assert.AreEqual("ch2.A", ch2.Points[0].Spot);
        Assert.IsGreaterThan(edge1 + 0.5, edge2, "the cell at 50 % sits at a higher edge energy than the one at 5 %");
        var stored = await beamline.Store.ReadScanAsync("scan-ch2", TestContext.CancellationToken);
        Assert.HasCount(ch2.Points.Count, stored);
        Assert.AreEqual(ch1.Points.Count + 1, stored[0].Seq, "one stream, numbered across scans");
        var summary = await beamline.Store.ReadSummaryAsync("scan-ch1", TestContext.CancellationToken);
        Assert.AreEqual(ch1.DeadTime, summary!.DeadTime);
        var dry = beamline.DryRun(plan, new ScanRequest("run-1", "dry", Spots: beamline.SpotsOf("ch1")));
        Assert.AreEqual(plan.Energies.Count * 3, dry.Points);
    }

    [TestMethod]
    public void Load_HolderNamesAnUnknownChannel_ErrorNamesFileLineAndField()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "rig.beamline.sim.yaml")).Replace("- channel: ch2", "- channel: ch9", StringComparison.Ordinal);

        var ex = Assert.ThrowsExactly<RigConfigException>(() => RigConfigLoader.Parse(yaml, "/tmp/rig.yaml"));

        StringAssert.Matches(ex.Message, new System.Text.RegularExpressions.Regex(@"^rig\.yaml:\d+: beamline\.holder\[1\]\.channel: 'ch9' is not a configured channel; known: ch1, ch2$"));
    }

    [TestMethod]
    public void Load_BeamFluxWithoutUnit_ErrorNamesTheField()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "rig.beamline.sim.yaml")).Replace("flux: 1e9 photons/s", "flux: 1e9", StringComparison.Ordinal);

        var ex = Assert.ThrowsExactly<RigConfigException>(() => RigConfigLoader.Parse(yaml, "/tmp/rig.yaml"));

        StringAssert.Contains(ex.Message, "beamline.beam.flux: '1e9' is not a photon flux such as 1e9 photons/s");
    }

    /// <summary>Energy of the steepest rise of ln(I0/It).</summary>
    private static double EdgeEv(ScanResult scan)
    {
        var p = scan.Points;
        double best = 0, slope = double.MinValue;
        for (var i = 1; i < p.Count - 1; i++)
        {
            double mu(int j) => Math.Log(p[j].Counts["det.I0"] / p[j].Counts["det.It"]);
            double s = (mu(i + 1) - mu(i - 1)) / (p[i + 1].EnergyEv - p[i - 1].EnergyEv);
            if (s > slope)
            {
                slope = s;
                best = p[i].EnergyEv;
            }
        }

        return best;
    }
}
