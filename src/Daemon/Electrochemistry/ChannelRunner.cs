using System.Globalization;
using Microsoft.Extensions.Logging;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>
/// Runs protocols on one potentiostat channel: checks a protocol against the channel's capabilities,
/// loads and starts it, and carries every record the channel produces into the pipeline, numbered in
/// the channel's stream and tagged with the run. Every sample is checked against the channel's
/// <see cref="SafetyLimits"/>: a breach, a non-finite reading or a silent channel stops the cell at once
/// and ends the run as faulted.
/// </summary>
public sealed partial class ChannelRunner
{
    private readonly IPotentiostatChannel _channel;
    private readonly SamplePipeline _pipeline;
    private readonly SqliteStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SafetyMonitor _safety;
    private readonly Lock _gate = new();
    private int _runCounter;
    private IReadOnlyList<ChannelStep> _steps = [];

    /// <summary>
    /// Creates the runner for <paramref name="channel"/>; <paramref name="safety"/> null: the channel's own
    /// voltage range and current limit, no silence watchdog.
    /// </summary>
    public ChannelRunner(IPotentiostatChannel channel, SamplePipeline pipeline, SqliteStore store, TimeProvider time, ILogger<ChannelRunner> logger,
        SafetyLimits? safety = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channel = channel;
        _safety = new SafetyMonitor(safety ?? SafetyLimits.FromCapabilities(channel.Capabilities));
        _pipeline = pipeline;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>The channel this runner drives.</summary>
    public IPotentiostatChannel Channel => _channel;

    /// <summary>The limits every sample is checked against.</summary>
    public SafetyLimits SafetyLimits => _safety.Limits;

    /// <summary>The state of the present (or last) run.</summary>
    public RunState State { get; private set; } = RunState.Idle;

    /// <summary>The present (or last) run's id; empty before the first run.</summary>
    public string RunId { get; private set; } = "";

    /// <summary>Why the last run ended, once it has.</summary>
    public string EndReason { get; private set; } = "";

    /// <summary>Completes when the present run has ended and all its samples are stored.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Checks <paramref name="protocol"/> against the channel and its safety limits, then starts it. Throws
    /// <see cref="ProtocolException"/> when the channel cannot run it or it asks for more than the limits allow, and <see cref="ChannelBusyException"/>
    /// when a run is in progress; nothing starts in either case.
    /// </summary>
    public async Task<string> StartAsync(CompiledProtocol protocol, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ProtocolChecker.Check(protocol, source, _channel.ChannelId, _channel.Capabilities);
        SafetyPrecheck.Check(protocol, source, _channel.ChannelId, _safety.Limits);
        string runId;
        lock (_gate)
        {
            if (State == RunState.Running)
            {
                throw new ChannelBusyException(_channel.ChannelId, RunId);
            }

            var now = _time.GetUtcNow();
            runId = string.Create(CultureInfo.InvariantCulture, $"{_channel.ChannelId}-{now:yyyyMMdd'T'HHmmss}-{++_runCounter}");
            RunId = runId;
            State = RunState.Running;
            EndReason = "";
        }

        try
        {
            _steps = protocol.ChannelSteps;
            await _store.AddRunAsync(runId, _channel.ChannelId, protocol.Name, UnixSeconds(_time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            await _channel.LoadAsync(_steps, cancellationToken).ConfigureAwait(false);
            await _channel.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                State = RunState.Idle;
            }

            throw;
        }

        LogRunStarted(_logger, runId, _channel.ChannelId, protocol.Name, _steps.Count);
        Completion = Task.Run(() => PumpAsync(runId), CancellationToken.None);
        return runId;
    }

    /// <summary>Stops the present run (the cell goes to open circuit) and waits until its data is stored.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _channel.StopAsync(cancellationToken).ConfigureAwait(false);
        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PumpAsync(string runId)
    {
        var channelId = _channel.ChannelId;
        var finalState = RunState.Faulted;
        var reason = "the channel's record stream ended without a final record";
        string? safetyTrip = null;
        using var watchdog = new SilenceWatchdog(_time, _safety.MaxSilence);
        try
        {
            await foreach (var record in _channel.ReadRecordsAsync(watchdog.Token).ConfigureAwait(false))
            {
                watchdog.Reset();
                switch (record)
                {
                    case ChannelSample s:
                        if (safetyTrip is null && _safety.Check(s) is { } breach)
                        {
                            safetyTrip = await TripAsync(runId, breach).ConfigureAwait(false);
                        }

                        if (double.IsFinite(s.VoltageV) && double.IsFinite(s.CurrentA)) // a non-finite reading is no measurement; the reason keeps it
                        {
                            _pipeline.Publish(new SampleRecord(
                                0, runId, channelId, UnixSeconds(s.Timestamp),
                                s.VoltageV, s.CurrentA, s.TotalChargeAh, s.StepIndex, _steps[s.StepIndex].Label, s.Cycle, s.StepTimeS));
                        }

                        break;
                    case ImpedancePoint z:
                        // A few points per second at most: stored directly, off the acquisition path (the channel buffers).
                        await _store.AppendImpedanceAsync(
                            [new ImpedanceRecord(runId, channelId, z.StepIndex, UnixSeconds(z.Timestamp), z.FrequencyHz, z.RealOhm, z.ImaginaryOhm)],
                            CancellationToken.None).ConfigureAwait(false);
                        break;
                    case StepTransition t:
                        LogStepStarted(_logger, runId, t.StepIndex, _steps[t.StepIndex].Label, t.Reason);
                        break;
                    case ChannelFinished f:
                        finalState = f.FinalState == ChannelState.Faulted ? RunState.Faulted : RunState.Finished;
                        reason = f.Reason;
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (watchdog.Fired)
        {
            safetyTrip ??= await TripAsync(runId, _safety.SilenceReason()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            reason = $"reading the channel failed: {ex.Message}";
        }

        if (safetyTrip is not null)
        {
            finalState = RunState.Faulted;
            reason = safetyTrip;
        }

        await _pipeline.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            State = finalState;
            EndReason = reason;
        }

        LogRunEnded(_logger, runId, finalState, reason);
    }

    /// <summary>A safety limit was breached: the cell goes to open circuit at once. Returns the run's end reason.</summary>
    private async Task<string> TripAsync(string runId, string breach)
    {
        try
        {
            await _channel.StopAsync(CancellationToken.None).ConfigureAwait(false); // first: logging can wait, the cell cannot
            LogSafetyTrip(_logger, runId, _channel.ChannelId, breach);
            return breach;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSafetyStopFailed(_logger, ex, runId, _channel.ChannelId, breach);
            return $"{breach}; stopping the channel failed: {ex.Message}";
        }
    }

    /// <summary>Seconds since the Unix epoch, with the clock's full (100 ns) resolution.</summary>
    public static double UnixSeconds(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).TotalSeconds;

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Run {RunId} started on {ChannelId}: protocol '{Protocol}', {StepCount} steps")]
    private static partial void LogRunStarted(ILogger logger, string runId, string channelId, string protocol, int stepCount);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Run {RunId}: step {StepIndex} ({Label}) started after {Reason}")]
    private static partial void LogStepStarted(ILogger logger, string runId, int stepIndex, string label, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Run {RunId} ended: {State} ({Reason})")]
    private static partial void LogRunEnded(ILogger logger, string runId, RunState state, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Error, Message = "Run {RunId} on {ChannelId}: {Breach}; the cell was stopped")]
    private static partial void LogSafetyTrip(ILogger logger, string runId, string channelId, string breach);

    [LoggerMessage(EventId = 205, Level = LogLevel.Critical, Message = "Run {RunId} on {ChannelId}: {Breach}; the cell could not be stopped")]
    private static partial void LogSafetyStopFailed(ILogger logger, Exception exception, string runId, string channelId, string breach);
}
