using System.Text.RegularExpressions;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

/// <summary>
/// Every example experiment in config/experiments runs to completion on a simulated channel with the
/// cell preset its header names (<c># preset: name</c>), after passing the capability check.
/// </summary>
[TestClass]
public sealed partial class ExampleProtocolsTests
{
    public static IEnumerable<object[]> Examples() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "config", "experiments"), "*.yaml").Order().Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Example_OnItsPreset_RunsToCompletion(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "experiments", file));
        var protocol = ProtocolParser.Parse(text, file);
        var preset = PresetHeader().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
        var clock = new VirtualTimeProvider();
        ICellModel cell = preset is null
            ? new SimpleTheveninCell(new SimpleTheveninCellParameters { CapacityAh = protocol.Cell.CapacityAh ?? 1.78e-3, InitialStateOfCharge = 0.05 })
            : new LumpedCellModel(CellPresets.Load(preset));
        var channel = new SimulatedChannel(new SimulatedChannelOptions { SamplePeriodS = 10, IntegrationStepS = 10 }, cell, clock);
        ProtocolChecker.Check(protocol, file, channel.ChannelId, channel.Capabilities);

        var transitions = 0;
        var impedancePoints = 0;
        ChannelFinished? end = null;
        new SimulationLoop(clock).Run(async ct =>
        {
            await channel.LoadAsync(protocol.ChannelSteps, ct);
            await channel.StartAsync(ct);
            await foreach (var r in channel.ReadRecordsAsync(ct))
            {
                switch (r)
                {
                    case StepTransition:
                        transitions++;
                        break;
                    case ImpedancePoint:
                        impedancePoints++;
                        break;
                    case ChannelFinished f:
                        end = f;
                        break;
                }
            }
        });

        Assert.IsNotNull(end);
        Assert.AreEqual(ChannelState.Finished, end.FinalState, $"{file}: {end.Reason}");
        Assert.AreEqual("completed", end.Reason);
        Assert.AreEqual(protocol.Steps.Count - 1, transitions, "every step ran");
        var sweeps = protocol.Steps.Count(s => s.Step.Impedance is not null);
        Assert.AreEqual(protocol.Steps.Where(s => s.Step.Impedance is not null).Sum(s => s.Step.Impedance!.Frequencies().Count), impedancePoints,
            $"{sweeps} impedance sweeps measure every frequency");
    }

    [GeneratedRegex(@"^#\s*preset:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex PresetHeader();
}
