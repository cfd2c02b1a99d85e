using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Daemon.Operando.Plans;

namespace OperandoRig.Daemon.Operando;

/// <summary>
/// Runs an operando plan on the rig: checks every cell's protocol first (nothing starts if one is invalid), starts the
/// protocols, and runs one <see cref="OperandoCellSession"/> per cell, all sharing the beam, the scan executor, the
/// sync points and the event record. Completes when every run has ended and every trigger firing is served.
/// </summary>
public sealed class OperandoExperiment(OperandoPlan plan, Func<string, ChannelRunner> runners, ISampleFeed feed, OperandoServices services)
{
    private readonly List<OperandoCellSession> _sessions = [];

    /// <summary>The plan.</summary>
    public OperandoPlan Plan => plan;

    /// <summary>The cells' sessions (once started).</summary>
    public IReadOnlyList<OperandoCellSession> Sessions => _sessions;

    /// <summary>Starts the protocols and runs the plan to the end.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var cells = new List<(OperandoCellPlan Cell, ChannelRunner Runner, CompiledProtocol? Protocol, string Source)>();
        foreach (var cell in plan.Cells)
        {
            var runner = runners(cell.ChannelId);
            CompiledProtocol? protocol = null;
            var source = cell.ProtocolPath is null ? "" : Path.GetFileName(cell.ProtocolPath);
            if (cell.ProtocolPath is { } path)
            {
                protocol = ProtocolParser.Parse(File.ReadAllText(path), source);
                ProtocolChecker.Check(protocol, source, runner.ChannelId, runner.Channel.Capabilities);
            }

            cells.Add((cell, runner, protocol, source));
        }

        var runs = new List<Task>();
        foreach (var (cell, runner, protocol, source) in cells)
        {
            long fromSeq;
            using (SimulationHold.Begin())
            {
                fromSeq = await feed.GetLastSeqAsync(cell.ChannelId, cancellationToken) + 1;
            }

            if (protocol is not null)
            {
                await runner.StartAsync(protocol, source, cancellationToken);
            }

            var session = new OperandoCellSession(cell, new RunnerCellControl(runner), feed, services);
            _sessions.Add(session);
            runs.Add(session.RunAsync(fromSeq, cancellationToken));
        }

        await Task.WhenAll(runs);
    }
}
