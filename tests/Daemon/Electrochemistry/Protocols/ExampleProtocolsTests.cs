using System.Text.RegularExpressions;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

/// <summary>
/// Every example protocol in config/experiments (not the operando-*.yaml plans: tests/Daemon/Operando) passes the capability check and runs to completion on a
/// simulated channel with the cell preset its header names (<c># preset: name</c>, at <c># temperature: 60 °C</c> when given), driven segment by segment
/// by a <see cref="ProtocolCursor"/>; linear ones also run loaded whole, as the flat step list.
/// </summary>
[TestClass]
public sealed partial class ExampleProtocolsTests
{
    public static IEnumerable<object[]> Examples() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "config", "experiments"), "*.yaml").Order()
            .Where(f => !Path.GetFileName(f).StartsWith("operando-", StringComparison.Ordinal)) // operando plans: tests/Daemon/Operando
            .Select(f => new object[] { Path.GetFileName(f) });

    internal sealed record Example(string File, CompiledProtocol Protocol, SimulatedChannel Channel, VirtualTimeProvider Clock, ProtocolReport Report);

    internal static Example Load(string file, SimulatedChannelOptions? options = null)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "config", "experiments", file));
        var protocol = ProtocolParser.Parse(text, file);
        var preset = PresetHeader().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
        var clock = new VirtualTimeProvider();
        ICellModel cell = preset is null
            ? new SimpleTheveninCell(new SimpleTheveninCellParameters { CapacityAh = protocol.Cell.CapacityAh ?? 1.78e-3, InitialStateOfCharge = 0.05 })
            : new LumpedCellModel(CellPresets.Load(preset));
        if (cell is LumpedCellModel lumped && TemperatureHeader().Match(text) is { Success: true } t)
        {
            lumped.TemperatureK = double.Parse(t.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 273.15;
        }
        var channel = new SimulatedChannel(options ?? new SimulatedChannelOptions { SamplePeriodS = 10, IntegrationStepS = 10 }, cell, clock);
        var report = ProtocolChecker.Analyze(protocol, file, channel.ChannelId, channel.Capabilities);
        return new Example(file, protocol, channel, clock, report);
    }

    internal static SimulatedProtocolRun RunWithCursor(Example e)
    {
        var run = SimulatedProtocolRun.Execute(e.Protocol, e.Channel, e.Clock);
        Assert.IsNull(run.Failure, $"{e.File}: {run.Failure}");
        Assert.IsTrue(run.Cursor.IsFinished, e.File);
        Assert.AreEqual("completed", run.Cursor.State.FinishReason, e.File);
        var sweeps = run.Segments.SelectMany(s => s.Steps).Where(s => s.Step.Impedance is not null).ToList();
        Assert.AreEqual(sweeps.Sum(s => s.Step.Impedance!.Frequencies().Count), run.ImpedancePoints.Count, $"{e.File}: {sweeps.Count} sweeps measure every frequency");
        Console.WriteLine(FormattableString.Invariant($"{e.File}: ran {run.ElapsedS / 3600:0.##} h, estimate {e.Report.Duration}; ratio {run.ElapsedS / e.Report.Duration.ExpectedS:0.##}"));
        Assert.IsTrue(run.ElapsedS >= e.Report.Duration.MinS * 0.95, $"{e.File}: ran {run.ElapsedS / 3600:0.##} h, estimate {e.Report.Duration}");
        Assert.IsTrue(e.Report.Duration.MaxS is not { } max || run.ElapsedS <= max * 1.05, $"{e.File}: ran {run.ElapsedS / 3600:0.##} h, estimate {e.Report.Duration}");
        return run;
    }

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Example_OnItsPreset_RunsToCompletionWithTheCursor(string file)
    {
        var e = Load(file);

        var run = RunWithCursor(e);

        Assert.AreEqual(run.Segments.Sum(s => s.Steps.Count), run.Cursor.State.StepsRun, "every step handed out ended");
        if (e.Protocol.IsLinear)
        {
            Assert.HasCount(1, run.Segments, "a linear protocol is one segment");
            CollectionAssert.AreEqual(CursorDriver.Describe(e.Protocol.ChannelSteps), CursorDriver.Describe(run.Segments[0].ChannelSteps));
        }
    }

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Example_Linear_RunsToCompletionLoadedWhole(string file)
    {
        var e = Load(file);
        if (!e.Protocol.IsLinear)
        {
            Assert.ThrowsExactly<InvalidOperationException>(() => e.Protocol.ChannelSteps, "conditional protocols must run with the cursor");
            return;
        }

        var transitions = 0;
        var impedancePoints = 0;
        ChannelFinished? end = null;
        new SimulationLoop(e.Clock).Run(async ct =>
        {
            await e.Channel.LoadAsync(e.Protocol.ChannelSteps, ct);
            await e.Channel.StartAsync(ct);
            await foreach (var r in e.Channel.ReadRecordsAsync(ct))
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
        Assert.AreEqual(e.Protocol.Steps.Count - 1, transitions, "every step ran");
        Assert.AreEqual(e.Protocol.Steps.Where(s => s.Step.Impedance is not null).Sum(s => s.Step.Impedance!.Frequencies().Count), impedancePoints);
    }

    [GeneratedRegex(@"^#\s*preset:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex PresetHeader();

    /// <summary>The cell temperature the example is written for (<c># temperature: 60 °C</c>); the preset's own without it.</summary>
    [GeneratedRegex(@"^#\s*temperature:\s*([-+]?[0-9.]+)\s*°C", RegexOptions.Multiline)]
    private static partial Regex TemperatureHeader();
}
