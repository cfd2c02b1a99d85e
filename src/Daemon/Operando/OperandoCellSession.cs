using System.Globalization;
using System.Threading.Channels;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Operando.Plans;
using OperandoRig.Daemon.Operando.Triggers;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Operando;

/// <summary>
/// Runs an operando plan for one cell while its protocol runs: reads the channel's live samples, evaluates the triggers
/// on each (samples taken while this session holds the cell are not evaluated, so a hold never looks like a crossing),
/// and serves each firing in order with its actions (hold, settle, scans on a granted beam, sync with an external
/// script, resume). Firings that arrive while another is served are queued, never dropped. If an action list leaves
/// the cell held, the session resumes it. Ends when the run has ended and every stored sample has been seen.
/// </summary>
public sealed partial class OperandoCellSession
{
    private readonly OperandoCellPlan _plan;
    private readonly ICellControl _cell;
    private readonly ISampleFeed _feed;
    private readonly OperandoServices _services;
    private readonly Lock _gate = new();
    private readonly List<(double From, double To, HoldPolicy Policy)> _holds = [];
    private readonly string _runId;
    private int _firingCounter;
    private int _scanCounter;
    private bool _aborted;

    /// <summary>Creates the session for a run that has started on <paramref name="cell"/>.</summary>
    public OperandoCellSession(OperandoCellPlan plan, ICellControl cell, ISampleFeed feed, OperandoServices services)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(cell);
        _plan = plan;
        _cell = cell;
        _feed = feed;
        _services = services;
        _runId = cell.RunId;
        Window = new SampleWindow();
        Soc = new SocCounter(plan.Soc);
        Tagger = new CellStateTagger(Window, Soc, services.Time, HeldAtOpenCircuit);
    }

    /// <summary>The cell's plan.</summary>
    public OperandoCellPlan Plan => _plan;

    /// <summary>The channel's recent samples.</summary>
    public SampleWindow Window { get; }

    /// <summary>This run's state of charge.</summary>
    public SocCounter Soc { get; }

    /// <summary>Tags scan points with this cell's state.</summary>
    public CellStateTagger Tagger { get; }

    /// <summary>Triggers fired so far.</summary>
    public int Fired { get; private set; }

    /// <summary>Firings served (every action ran).</summary>
    public int Served { get; private set; }

    /// <summary>Firings that could not be served (the run had ended, a device failed); each is an event.</summary>
    public int Unserved { get; private set; }

    /// <summary>Runs until the run has ended and every firing is served; <paramref name="fromSeq"/> is the run's first sample's sequence number (or earlier).</summary>
    public async Task RunAsync(long fromSeq, CancellationToken cancellationToken)
    {
        var firings = Channel.CreateUnbounded<TriggerFiring>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var actor = ServeAllAsync(firings.Reader, cancellationToken);
        try
        {
            await PumpAsync(fromSeq, firings.Writer, cancellationToken);
        }
        finally
        {
            firings.Writer.TryComplete();
            Window.Complete();
        }

        await actor;
    }

    private async Task PumpAsync(long fromSeq, ChannelWriter<TriggerFiring> firings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long endSeq = long.MaxValue, lastSeq = fromSeq - 1;
        var ender = WatchEndAsync();
        var evaluators = _plan.Triggers.Select(t => t.When.CreateEvaluator()).ToArray();
        SampleRecord? previous = null;
        try
        {
            await foreach (var s in _feed.SubscribeAsync(_plan.ChannelId, fromSeq, stop.Token))
            {
                Interlocked.Exchange(ref lastSeq, s.Seq);
                if (s.RunId == _runId)
                {
                    Soc.Observe(s);
                    Window.Add(s);
                    if (!IsHeldAt(s.TimeUnixS))
                    {
                        var soc = Soc.SocAt(s.ChargeAh);
                        var observation = new TriggerObservation(s, soc, previous, previous is null ? soc : Soc.SocAt(previous.ChargeAh), _plan.Soc.ZeroCurrentA);
                        for (var i = 0; i < evaluators.Length; i++)
                        {
                            if (evaluators[i].Observe(observation) is { } reason && _plan.Triggers[i].InCycles?.Contains(s.Cycle) != false)
                            {
                                firings.TryWrite(Fire(_plan.Triggers[i], reason, s, soc));
                            }
                        }

                        previous = s;
                    }
                }

                if (s.Seq >= Interlocked.Read(ref endSeq))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the run ended and everything stored was seen
        }

        await ender;

        async Task WatchEndAsync()
        {
            try
            {
                await _cell.Completion.WaitAsync(stop.Token);
                var last = await _feed.GetLastSeqAsync(_plan.ChannelId, stop.Token);
                Interlocked.Exchange(ref endSeq, last);
                if (Interlocked.Read(ref lastSeq) >= last)
                {
                    await stop.CancelAsync();
                }
            }
            catch (OperationCanceledException)
            {
                // the pump ended first
            }
        }
    }

    private TriggerFiring Fire(TriggerSpec trigger, string reason, SampleRecord s, double soc)
    {
        Fired++;
        var id = string.Create(CultureInfo.InvariantCulture, $"{_plan.ChannelId}/{trigger.Name}#{++_firingCounter}");
        var state = new CellStateSnapshot(s.ChannelId, s.RunId, s.TimeUnixS, s.VoltageV, s.CurrentA, s.ChargeAh, soc, s.Cycle, s.StepIndex, s.StepLabel);
        Publish("operando.trigger", $"{_plan.ChannelId}: trigger '{trigger.Name}' fired: {reason}", State(state, ("trigger_id", id), ("trigger", trigger.Name), ("reason", reason)));
        return new TriggerFiring(id, trigger, reason, state);
    }

    private async Task ServeAllAsync(ChannelReader<TriggerFiring> firings, CancellationToken cancellationToken)
    {
        while (await firings.WaitToReadAsync(cancellationToken))
        {
            while (firings.TryRead(out var firing))
            {
                if (_aborted || !_cell.IsActive)
                {
                    Unserved++;
                    Publish("operando.unserved", $"{_plan.ChannelId}: trigger firing {firing.FiringId} not served: " +
                        (_aborted ? "the run was aborted" : "the run has ended"), Fields(("trigger_id", firing.FiringId)));
                    continue;
                }

                await ServeAsync(firing, cancellationToken);
            }
        }
    }
}
