using Microsoft.Data.Sqlite;
using OperandoRig.Daemon.Config;
using OperandoRig.Daemon.Hosting;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>The <c>--operando</c> option's bad input: each error names the option, the file and what is wrong, before anything starts.</summary>
[TestClass]
public sealed class OperandoOptionTests
{
    private const string Protocol = "steps: [Charge at 0.06 mA for 1 h]";

    [TestMethod]
    public void Parse_ExitWhenDoneWithoutOperando_IsRefused()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => DaemonOptions.Parse(["--exit-when-done"]));
        StringAssert.Contains(ex.Message, "--exit-when-done: needs --operando PLAN");
        var ok = DaemonOptions.Parse(["--operando", "plan.yaml", "--exit-when-done"]);
        Assert.AreEqual("plan.yaml", ok.OperandoPlanPath);
        Assert.IsTrue(ok.ExitWhenDone);
    }

    [TestMethod]
    [DataRow("ch9", "[ch1.A]", "cell channel 'ch9' is not a channel of the rig file; known: ch1, ch2")]
    [DataRow("ch1", "[ch1.Z]", "cell ch1: spot 'ch1.Z' is not on the sample holder of the rig file; known: ch1.A, ch1.B, ch1.C, ch2.A, ch2.B")]
    public async Task Build_PlanThatDoesNotFitTheRig_NamesWhatIsWrong(string channel, string spots, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("operando-option-").FullName;
        try
        {
            var rig = (await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "config", "rig.beamline.sim.yaml")))
                .Replace("data_dir: ../data/beamline", "data_dir: data", StringComparison.Ordinal)
                .Replace("listen: 127.0.0.1:50052", "listen: 127.0.0.1:0", StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder, "rig.yaml"), rig);
            await File.WriteAllTextAsync(Path.Combine(folder, "protocol.yaml"), Protocol);
            await File.WriteAllTextAsync(Path.Combine(folder, "plan.yaml"), $$"""
                operando:
                  name: misfit
                  cells:
                    - channel: {{channel}}
                      protocol: protocol.yaml
                      soc: { capacity: 0.06 mAh }
                      spots: {{spots}}
                      triggers:
                        - { name: t, when: { soc: [50 %], on: charge }, do: [{ hold: open_circuit }, resume] }
                """);
            var options = new DaemonOptions { ConfigPath = Path.Combine(folder, "rig.yaml"), OperandoPlanPath = Path.Combine(folder, "plan.yaml") };
            var ex = await Assert.ThrowsExactlyAsync<RigConfigException>(() => DaemonHost.BuildAsync(options, CancellationToken.None, TextWriter.Null));
            StringAssert.Contains(ex.Message, "--operando plan.yaml: " + expected);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Build_EveryExampleOperandoPlan_FitsTheBeamlineRig()
    {
        var plans = Directory.GetFiles(Path.Combine(RepoPaths.Root, "config", "experiments"), "operando-*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.IsGreaterThanOrEqualTo(2, plans.Count);
        foreach (var plan in plans)
        {
            var folder = Directory.CreateTempSubdirectory("operando-option-").FullName;
            try
            {
                var options = new DaemonOptions
                {
                    ConfigPath = Path.Combine(RepoPaths.Root, "config", "rig.beamline.sim.yaml"),
                    DataDirectory = Path.Combine(folder, "data"),
                    Listen = "127.0.0.1:0",
                    OperandoPlanPath = plan,
                };
                await using var app = await DaemonHost.BuildAsync(options, CancellationToken.None, TextWriter.Null);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [TestMethod]
    public async Task Build_RigWithoutBeamlineOrMissingPlan_NamesWhatIsWrong()
    {
        var folder = Directory.CreateTempSubdirectory("operando-option-").FullName;
        try
        {
            const string rig = """
                name: no-beamline
                clock: { mode: simulated, speed: 100 }
                data_dir: data
                listen: 127.0.0.1:0
                channels:
                  - { id: ch1, sample_period: 10 s, voltage_range: [0 V, 5 V], max_current: 10 mA, cell: { preset: nmc811-lpscl-liin-rt, initial_soc: 0 % } }
                """;
            await File.WriteAllTextAsync(Path.Combine(folder, "rig.yaml"), rig);
            var plan = Path.Combine(RepoPaths.Root, "config", "experiments", "operando-nmc811-ni-k-xanes.yaml");
            var noBeamline = await Assert.ThrowsExactlyAsync<RigConfigException>(() => DaemonHost.BuildAsync(
                new DaemonOptions { ConfigPath = Path.Combine(folder, "rig.yaml"), OperandoPlanPath = plan }, CancellationToken.None, TextWriter.Null));
            StringAssert.Contains(noBeamline.Message, "--operando operando-nmc811-ni-k-xanes.yaml: the rig file");
            StringAssert.Contains(noBeamline.Message, "has no beamline: section");

            var missing = await Assert.ThrowsExactlyAsync<RigConfigException>(() => DaemonHost.BuildAsync(
                new DaemonOptions { ConfigPath = Path.Combine(folder, "rig.yaml"), OperandoPlanPath = Path.Combine(folder, "nope.yaml") }, CancellationToken.None, TextWriter.Null));
            StringAssert.Contains(missing.Message, "nope.yaml' does not exist");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
