using System.Globalization;
using Microsoft.Extensions.Logging;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>
/// Runs protocols on one potentiostat channel through the execution states of <see cref="RunState"/>: checks a
/// protocol against the channel's capabilities and safety limits, loads and starts it, carries every record the
/// channel produces into the pipeline (numbered in the channel's stream, tagged with the run), keeps the run's
/// counters, writes the journal at every step transition and state change, and records how the run ended.
/// Operators pause (with a hold policy), resume, stop (clean, success), abort (clean, failure) and halt (no
/// clean-up); an interlock suspends. Every sample is checked against the channel's <see cref="SafetyLimits"/>: a
/// breach, a non-finite reading, a short circuit or a silent channel stops the cell at once and ends the run as
/// <see cref="RunState.Faulted"/>.
/// </summary>
/// <remarks>
/// <para>A parsed protocol runs through a <see cref="ProtocolCursor"/>, segment by segment (see
/// <see cref="RunProgram"/>): the runner loads and starts each segment, stops the channel when an emulated
/// condition is met, tells the cursor how every step ended and asks it for the next segment; a segment's end is
/// the run's end only when the cursor has ended, or when the run was stopped, aborted, halted, tripped or the channel
/// failed. Samples carry the label and cycle the cursor gave the step, and a run-wide step index: the step's
/// 0-based position in the sequence of steps the run has executed (for a linear protocol, its index in the
/// unrolled step list), so it never repeats within a run even when a loop runs the same definition again. The stored
/// coulomb count (<see cref="SampleRecord.ChargeAh"/>) goes on across segments, although the device restarts its own with
/// every load.</para>
/// <para>
/// The record pump runs on the context that started the run and never leaves it (no <c>ConfigureAwait(false)</c>),
/// so on a <see cref="Simulators.Time.SimulationLoop"/> it reacts to a sample at the sample's virtual instant.</para>
/// </remarks>
public sealed partial class ChannelRunner
{
    private readonly IPotentiostatChannel _channel;
    private readonly SamplePipeline _pipeline;
    private readonly SqliteStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SafetyMonitor _safety;
    private readonly RunJournal _journal;
    private readonly RunEndStore _ends;
    private readonly ImpedanceSpectrumStore _spectra;
    private readonly Lock _gate = new();
    private readonly OrderedDispatcher<RunStateChangedEventArgs> _stateEvents;
    private int _runCounter;
    private ProtocolSegment? _segment;
    private int _stepBase;
    private string? _cursorJson;
    private bool _holdOnDevice;
    private RunState _state = RunState.Idle;
    private string _runId = "";
    private string _endReason = "";
    private HoldPolicy? _hold;
    private RunAction? _endRequest;
    private string _endRequestReason = "";
    private CancellationTokenSource _haltRead = new();
    private RunCounters _counters = new();
    private long _journalEntries;
    private SampleRecord? _lastSample;

    /// <summary>
    /// Creates the runner for <paramref name="channel"/>; <paramref name="safety"/> null: the channel's own
    /// voltage range and current limit, no silence watchdog.
    /// </summary>
    public ChannelRunner(IPotentiostatChannel channel, SamplePipeline pipeline, SqliteStore store, TimeProvider time, ILogger<ChannelRunner> logger,
        SafetyLimits? safety = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(store);
        _channel = channel;
        _safety = new SafetyMonitor(safety ?? SafetyLimits.FromCapabilities(channel.Capabilities));
        _pipeline = pipeline;
        _store = store;
        _time = time;
        _logger = logger;
        _journal = new RunJournal(store);
        _ends = new RunEndStore(store);
        _spectra = new ImpedanceSpectrumStore(store);
        _stateEvents = new OrderedDispatcher<RunStateChangedEventArgs>(DeliverStateChange);
    }

    /// <summary>
    /// Raised after every state change, in order, outside the runner's lock (on the thread that made the change). A
    /// handler may call back into the runner; exceptions it throws are logged and swallowed.
    /// </summary>
    public event EventHandler<RunStateChangedEventArgs>? StateChanged;

    /// <summary>The channel this runner drives.</summary>
    public IPotentiostatChannel Channel => _channel;

    /// <summary>The channel's id.</summary>
    public string ChannelId => _channel.ChannelId;

    /// <summary>The limits every sample is checked against.</summary>
    public SafetyLimits SafetyLimits => _safety.Limits;

    /// <summary>The state of the present (or last) run.</summary>
    public RunState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The present (or last) run's id; empty before the first run.</summary>
    public string RunId
    {
        get
        {
            lock (_gate)
            {
                return _runId;
            }
        }
    }

    /// <summary>Why the last run ended, once it has.</summary>
    public string EndReason
    {
        get
        {
            lock (_gate)
            {
                return _endReason;
            }
        }
    }

    /// <summary>The present (or last) run's counters.</summary>
    public RunCountersSnapshot Counters
    {
        get
        {
            lock (_gate)
            {
                return _counters.Snapshot();
            }
        }
    }

    /// <summary>Completes when the present run has ended and all its samples are stored.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>State, counters and the last sample, taken together.</summary>
    public ChannelStatus GetStatus()
    {
        lock (_gate)
        {
            var counters = _counters.Snapshot();
            var label = StepAtLocked(counters.StepIndex)?.Label ?? "";
            return new ChannelStatus(ChannelId, _runId, _state, _endReason, _hold, label, counters,
                _lastSample?.VoltageV ?? double.NaN, _lastSample?.CurrentA ?? double.NaN, _lastSample?.StepTimeS ?? double.NaN);
        }
    }

    /// <summary>
    /// Checks <paramref name="protocol"/> against the channel's capabilities and its safety limits without starting
    /// anything (what <see cref="StartAsync"/> does first). Throws <see cref="ProtocolException"/> naming file, line,
    /// field and value; otherwise reports where each condition runs and the duration estimate.
    /// </summary>
    public ProtocolReport Check(CompiledProtocol protocol, string source)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var report = ProtocolChecker.Analyze(protocol, source, _channel.ChannelId, _channel.Capabilities);
        SafetyPrecheck.Check(protocol, source, _channel.ChannelId, _safety.Limits);
        return report;
    }

    /// <summary>The <see cref="Check"/> report of the present (or last) run's protocol; null before the first run.</summary>
    public ProtocolReport? Report { get; private set; }

    /// <summary>
    /// Checks <paramref name="protocol"/> against the channel and its safety limits, then starts it. Throws
    /// <see cref="ProtocolException"/> when the channel cannot run it or it asks for more than the limits allow, and <see cref="ChannelBusyException"/>
    /// when a run is in progress; nothing starts in either case.
    /// </summary>
    public async Task<string> StartAsync(CompiledProtocol protocol, string source, CancellationToken cancellationToken)
    {
        var report = Check(protocol, source);
        string runId;
        var program = RunProgram.For(protocol, _channel.Capabilities);
        var first = program.NextSegment() ?? throw new ArgumentException($"protocol '{protocol.Name}' has no step to run", nameof(protocol));
        lock (_gate)
        {
            if (!_state.CanStart() || !Completion.IsCompleted)
            {
                throw new ChannelBusyException(_channel.ChannelId, _runId);
            }

            var now = _time.GetUtcNow();
            runId = string.Create(CultureInfo.InvariantCulture, $"{_channel.ChannelId}-{now:yyyyMMdd'T'HHmmss}-{++_runCounter}");
            _runId = runId;
            _endReason = "";
            _hold = null;
            _endRequest = null;
            _endRequestReason = "";
            _haltRead = new CancellationTokenSource();
            _counters = new RunCounters();
            _journalEntries = 0;
            _lastSample = null;
            _segment = first;
            _stepBase = 0;
            _cursorJson = program.StateJson();
            _holdOnDevice = false;
            Report = report;
            SetStateLocked(RunState.Running, $"protocol '{protocol.Name}' started");
        }

        try
        {
            using (SimulationHold.Begin())
            {
                await _store.AddRunAsync(runId, _channel.ChannelId, protocol.Name, UnixSeconds(_time.GetUtcNow()), cancellationToken);
            }

            await _channel.LoadAsync(first.ChannelSteps, cancellationToken);
            await WriteJournalAsync("start", _time.GetUtcNow(), cancellationToken);
            await _channel.StartAsync(cancellationToken);
        }
        catch
        {
            lock (_gate)
            {
                _state = RunState.Idle; // nothing ran: the channel is as it was
                _runId = "";
            }

            throw;
        }

        LogRunStarted(_logger, runId, _channel.ChannelId, protocol.Name, protocol.Steps.Count);
        _stateEvents.Drain();
        LogDecisions(program);
        Completion = PumpAsync(runId, program);
        return runId;
    }

    /// <summary>Seconds since the Unix epoch, with the clock's full (100 ns) resolution.</summary>
    public static double UnixSeconds(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).TotalSeconds;

    /// <summary>Sets the state under <see cref="_gate"/> and queues the change for <see cref="StateChanged"/> (call Drain after the lock).</summary>
    private RunStateChangedEventArgs SetStateLocked(RunState to, string reason)
    {
        var change = new RunStateChangedEventArgs(_channel.ChannelId, _runId, _state, to, reason, UnixSeconds(_time.GetUtcNow()));
        _state = to;
        _stateEvents.Enqueue(change);
        return change;
    }

    private void DeliverStateChange(RunStateChangedEventArgs change)
    {
        LogStateChanged(_logger, change.RunId, change.ChannelId, change.Previous, change.Current, change.Reason);
        RecordStateChange(change);
        try
        {
            StateChanged?.Invoke(this, change);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogHandlerFailed(_logger, ex, change.ChannelId, change.Current);
        }
    }

    /// <summary>Writes the runner's state to the journal (durable when this returns).</summary>
    private async Task WriteJournalAsync(string kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        RunJournalEntry entry;
        lock (_gate)
        {
            var c = _counters.Snapshot();
            var step = StepAtLocked(c.StepIndex);
            entry = new RunJournalEntry(_channel.ChannelId, _runId, ++_journalEntries, UnixSeconds(at), kind, _state, c.StepIndex,
                step?.Label ?? "", c, step?.Kind ?? StepKind.Rest, step?.CurrentA ?? 0, step?.VoltageV ?? 0, _hold, _cursorJson);
        }

        using (SimulationHold.Begin())
        {
            await _journal.AppendAsync(entry, cancellationToken);
        }

        LastJournalEntry = entry;
        JournalWritten?.Invoke(this, entry);
    }

    /// <summary>The device step with run-wide index <paramref name="stepIndex"/> when it is in the present segment (call under <see cref="_gate"/>).</summary>
    private ChannelStep? StepAtLocked(int stepIndex)
    {
        var i = stepIndex - _stepBase;
        return _segment is { } s && i >= 0 && i < s.Steps.Count ? s.Steps[i].Step : null;
    }

    /// <summary>Raised after each journal entry is durable, on the thread that wrote it (the run is held meanwhile).</summary>
    public event EventHandler<RunJournalEntry>? JournalWritten;

    /// <summary>The entry last written to the journal (what a restarted daemon would read back).</summary>
    public RunJournalEntry? LastJournalEntry { get; private set; }
}
