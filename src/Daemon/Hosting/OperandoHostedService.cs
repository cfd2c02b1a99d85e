using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Config;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Operando.Beam;
using OperandoRig.Daemon.Operando.Plans;
using OperandoRig.Daemon.Operando.Sync;

namespace OperandoRig.Daemon.Hosting;

/// <summary>
/// Runs an operando plan (<c>--operando FILE</c>) on the rig when the daemon starts: starts each cell's protocol, serves
/// its triggers with the beamline's scan runner (spots of the rig file's holder), publishes sync points to gRPC
/// watchers, prints every decision and scan as it happens and a summary at the end. Scan points go to the store's
/// <c>scan_points</c>/<c>scans</c> tables, decisions and scan markers (scan → trigger) to the <c>events</c> table, stream
/// <c>operando/events</c> (kind <c>operando.scan</c>: its fields name the scan_id and the trigger_id that caused it).
/// The daemon keeps serving afterwards, or stops when <c>--exit-when-done</c> was given (exit code 1 if the plan failed).
/// </summary>
public sealed partial class OperandoHostedService(
    RigRuntime rig,
    OperandoPlan plan,
    BeamlineScanExecutor executor,
    SyncPointHub sync,
    TextWriter output,
    bool exitWhenDone,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>0 while running and after success; 1 when the plan failed.</summary>
    public int ExitCode { get; private set; }

    /// <summary>Completes when the plan has run to its end (or failed).</summary>
    public Task Completion => _done.Task;

    /// <summary>
    /// Checks <paramref name="plan"/> against the rig before anything starts: the rig has a beamline, every cell's channel
    /// exists and is not autostarted, every protocol parses and fits its channel, every scan plan loads, every spot is on
    /// the holder. Returns the executor that runs the plan's scans on the beamline.
    /// </summary>
    /// <exception cref="RigConfigException">The plan does not fit the rig.</exception>
    public static BeamlineScanExecutor Prepare(OperandoPlan plan, RigRuntime rig)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rig);
        var beamline = rig.Beamline ?? throw new RigConfigException(
            $"--operando {plan.Source}: the rig file '{rig.Config.Name}' has no beamline: section to run scans on (use e.g. config/rig.beamline.sim.yaml)");
        var spots = beamline.Config.Holder.SelectMany(h => h.Spots).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var scans = plan.ScanPlans.ToDictionary(kv => kv.Key, kv => ScanPlanParser.Load(kv.Value), StringComparer.Ordinal);
        foreach (var cell in plan.Cells)
        {
            var runner = rig.Runners.FirstOrDefault(r => r.ChannelId == cell.ChannelId) ?? throw new RigConfigException(
                $"--operando {plan.Source}: cell channel '{cell.ChannelId}' is not a channel of the rig file; known: {string.Join(", ", rig.Runners.Select(r => r.ChannelId))}");
            if (rig.Config.Autostart.Any(a => a.ChannelId == cell.ChannelId))
            {
                throw new RigConfigException($"--operando {plan.Source}: channel {cell.ChannelId} also runs an autostart protocol of the rig file; add --no-autostart");
            }

            if (cell.ProtocolPath is { } path)
            {
                var source = Path.GetFileName(path);
                ProtocolChecker.Check(ProtocolParser.Parse(File.ReadAllText(path), source), source, runner.ChannelId, runner.Channel.Capabilities);
            }

            var named = cell.Spots.Concat(cell.Triggers.SelectMany(t => t.Actions.OfType<ScanAction>()).SelectMany(a => a.Spots));
            foreach (var spot in named.Where(s => !spots.ContainsKey(s)))
            {
                throw new RigConfigException(
                    $"--operando {plan.Source}: cell {cell.ChannelId}: spot '{spot}' is not on the sample holder of the rig file; known: {string.Join(", ", spots.Keys)}");
            }
        }

        return new BeamlineScanExecutor(beamline.Runner, scans, spots);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the host finishes starting (gRPC listening) first
        var logger = loggers.CreateLogger<OperandoHostedService>();
        try
        {
            var events = new OperandoEventLog(null, new OperandoEventFanOut([new OperandoConsoleReporter(output), new PipelineOperandoEventSink(rig.Pipeline)]));
            var services = new OperandoServices(rig.Time, new BeamTimeArbiter(plan.Beam, rig.Time, events), executor, sync, events);
            var experiment = new OperandoExperiment(plan, rig.GetRunner, new HubSampleFeed(rig.Hub, rig.Store), services);
            await WriteAsync(Header()).ConfigureAwait(false);
            try
            {
                await experiment.RunAsync(stoppingToken).ConfigureAwait(false);
                await rig.Beamline!.Store.FlushAsync(stoppingToken).ConfigureAwait(false);
                await rig.Pipeline.FlushAsync(stoppingToken).ConfigureAwait(false);
                await WriteAsync(Summary(experiment, events)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                ExitCode = 1;
                LogFailed(logger, ex, plan.Name);
                await WriteAsync($"operando: {plan.Name} failed: {ex.Message}").ConfigureAwait(false);
            }
        }
        finally
        {
            _done.TrySetResult();
            if (exitWhenDone && !stoppingToken.IsCancellationRequested)
            {
                lifetime.StopApplication();
            }
        }
    }

    private string Header()
    {
        var speed = rig.Time is Simulators.Time.ScaledTimeProvider scaled ? string.Create(CultureInfo.InvariantCulture, $", simulated time at {scaled.Speed:G6}x") : "";
        var lines = new List<string> { $"operando: running '{plan.Name}' ({plan.Source}) on rig '{rig.Config.Name}'{speed}; beam: {plan.Beam.Describe()}" };
        foreach (var c in plan.Cells)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"operando:   {c.ChannelId}: protocol {(c.ProtocolPath is null ? "(started otherwise)" : Path.GetFileName(c.ProtocolPath))}, {c.Mode} mode, spots {string.Join(", ", c.Spots)}, SOC over {c.Soc.CapacityAh * 1e3:G4} mAh from cycle {c.Soc.FromCycle}"));
            foreach (var t in c.Triggers)
            {
                lines.Add($"operando:     trigger {t.Name}: {t.When.Describe()}{(t.InCycles is null ? "" : $" in cycles {string.Join(", ", t.InCycles.Order())}")} -> {string.Join(", ", t.Actions.Select(a => a.Describe()))}");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private string Summary(OperandoExperiment experiment, OperandoEventLog events)
    {
        var lines = new List<string>();
        var scans = events.OfKind("operando.scan");
        foreach (var s in experiment.Sessions)
        {
            var runner = rig.GetRunner(s.Plan.ChannelId);
            var mine = scans.Where(e => e.Fields["channel_id"] == s.Plan.ChannelId).ToList();
            var points = mine.Sum(e => int.Parse(e.Fields["points"], CultureInfo.InvariantCulture));
            var edges = mine.Select(e => double.Parse(e.Fields["edge_ev"], CultureInfo.InvariantCulture)).Where(double.IsFinite).ToList();
            var edgeText = edges.Count == 0 ? "" : FormattableString.Invariant($", edge {edges.Min():0.00}..{edges.Max():0.00} eV (range {edges.Max() - edges.Min():0.00} eV)");
            lines.Add(FormattableString.Invariant(
                $"operando: {s.Plan.ChannelId} run {runner.RunId} {runner.State.ToString().ToLowerInvariant()}: {s.Fired} trigger firings, {s.Served} served, {s.Unserved} unserved; {mine.Count} scans, {points} points{edgeText}"));
        }

        lines.Add($"operando: '{plan.Name}' done; stored in {rig.Store.Path} (tables samples, scan_points, scans, events)");
        return string.Join(Environment.NewLine, lines);
    }

    private Task WriteAsync(string text) => output.WriteLineAsync(text);

    [LoggerMessage(EventId = 621, Level = LogLevel.Error, Message = "Operando plan {Plan} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string plan);
}
