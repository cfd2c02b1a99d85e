using System.Globalization;
using Microsoft.Extensions.Logging;
using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// Runs scan plans on the beamline: for every point it moves (monochromator and stage together), settles, checks the
/// dose budget of the spot, counts, reads, and records the point only if every suspender stayed clear through the count.
/// A suspender that trips suspends the scan at that safe point; the scan resumes after recovery plus the settle time and
/// measures the interrupted point again, so no point is ever recorded without beam. Dose is booked per spot from
/// flux × time (<see cref="DoseModel"/>); before each exposure the runner checks the next count fits the spot's budget
/// and otherwise moves to a fresh spot, so no spot is exposed beyond its budget. Time is accounted as counting, moves,
/// settling, read-out, suspension, re-measuring and the daemon's own overhead. One scan at a time.
/// </summary>
public sealed partial class ScanRunner
{
    private readonly BeamlineDevices _devices;
    private readonly IScanPointSink _sink;
    private readonly IScanEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ScanRunnerOptions _options;
    private readonly Lock _gate = new();
    private string? _running;

    /// <summary>Creates the runner.</summary>
    /// <param name="devices">The beamline.</param>
    /// <param name="sink">Where points are stored.</param>
    /// <param name="events">Where scan events go.</param>
    /// <param name="time">The daemon clock.</param>
    /// <param name="logger">Log.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public ScanRunner(BeamlineDevices devices, IScanPointSink sink, IScanEventSink events, TimeProvider time, ILogger<ScanRunner> logger,
        ScanRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new ScanRunnerOptions();
        _options.Validate();
        _devices = devices;
        _sink = sink;
        _events = events;
        _time = time;
        _logger = logger;
    }

    /// <summary>The beamline the runner drives.</summary>
    public BeamlineDevices Devices => _devices;

    /// <summary>The id of the scan running now, or null.</summary>
    public string? RunningScanId
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>The plan as it runs for <paramref name="request"/>: its spots and spares replaced by the request's.</summary>
    public static ScanPlan Effective(ScanPlan plan, ScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        return plan with { Positions = request.Spots ?? plan.Positions, Spares = request.Spares ?? plan.Spares };
    }

    /// <summary>
    /// Checks <paramref name="plan"/> against the beamline, then runs it. Returns when it has ended (completed, cancelled,
    /// out of dose budget, or a device fault) and all its points are stored.
    /// </summary>
    /// <exception cref="ScanPlanException">The beamline cannot run the plan; nothing moved.</exception>
    /// <exception cref="ScanBusyException">Another scan is running.</exception>
    public async Task<ScanResult> RunAsync(ScanPlan plan, ScanRequest request, CancellationToken ct)
    {
        plan = Effective(plan, request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ScanId, nameof(request));
        ScanChecker.Check(plan, _devices);
        lock (_gate)
        {
            if (_running is not null)
            {
                throw new ScanBusyException(_running);
            }

            _running = request.ScanId;
        }

        try
        {
            return await RunCheckedAsync(plan, request, ct);
        }
        finally
        {
            lock (_gate)
            {
                _running = null;
            }
        }
    }

    private async Task<ScanResult> RunCheckedAsync(ScanPlan plan, ScanRequest request, CancellationToken ct)
    {
        var s = new ScanSession(plan, request, _time.GetUtcNow());
        var suspenders = WithImplicitSuspenders(plan.Suspenders);
        Publish(s, "scan.start", Invariant($"scan {request.ScanId} started: plan '{plan.Name}', {plan.PointCount} points, {plan.CountTimeS:G6} s of counting"),
            ("plan", plan.Name), ("points", plan.PointCount.ToString(CultureInfo.InvariantCulture)));
        LogScanStarted(_logger, request.ScanId, plan.Name, plan.PointCount);
        var reason = ScanEndReason.Completed;
        var message = Invariant($"all {plan.PointCount} points measured");
        try
        {
            await OpenShutterAtStartAsync(s, suspenders, ct);
            foreach (var spec in plan.Expand())
            {
                if (!await MeasureAsync(s, spec, suspenders, ct))
                {
                    reason = ScanEndReason.DoseBudgetExhausted;
                    message = s.Events[^1].Message;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            reason = ScanEndReason.Cancelled;
            message = Invariant($"cancelled after {s.Points.Count} of {plan.PointCount} points");
        }
        catch (DeviceException ex)
        {
            reason = ScanEndReason.Faulted;
            message = Invariant($"{ex.Message} (after {s.Points.Count} of {plan.PointCount} points)");
            LogScanFault(_logger, ex, request.ScanId);
        }

        await CloseShutterAtEndAsync(s);
        var ended = _time.GetUtcNow();
        var deadTime = s.DeadTime((ended - s.Started).TotalSeconds);
        Publish(s, "scan.stop", Invariant($"scan {request.ScanId} ended ({reason}): {message}; dead time {deadTime.DeadFraction:P1}"),
            ("reason", reason.ToString()), ("points", s.Points.Count.ToString(CultureInfo.InvariantCulture)),
            ("dead_time_s", deadTime.DeadS.ToString("G6", CultureInfo.InvariantCulture)));
        LogScanEnded(_logger, request.ScanId, reason, message);
        var result = new ScanResult(request.ScanId, request.RunId, plan.Name, reason, message, s.Started, ended, s.Points, deadTime,
            new Dictionary<string, double>(s.Spots.DoseGy, StringComparer.Ordinal), s.Remeasured, s.Suspensions, s.Spots.SpotChanges, s.Events);
        _sink.RecordScan(result);
        using (SimulationLoop.Current?.BeginExternalWork())
        {
            await _sink.FlushAsync(CancellationToken.None).ConfigureAwait(true);
        }

        return result;
    }

    /// <summary>Measures one point until it is recorded with beam; false when no spot has dose budget left for it.</summary>
    private async Task<bool> MeasureAsync(ScanSession s, ScanPointSpec spec, IReadOnlyList<SuspenderSpec> suspenders, CancellationToken ct)
    {
        double countS = spec.Energy.CountTimeS;
        double energyEv = spec.Energy.EnergyEv;
        while (true)
        {
            var signals = s.Signals ?? await ReadSignalsAsync(suspenders, ct);
            if (FirstTrip(suspenders, signals) is { } trip)
            {
                signals = await SuspendAsync(s, suspenders, trip, ct);
            }

            s.Signals = null;
            var attemptStart = _time.GetUtcNow();
            double ringMa = signals.TryGetValue(SignalNames.RingCurrent, out var r) ? r : double.NaN;
            var (position, doseGy) = NextSpot(s, spec, energyEv, countS, ringMa);
            if (position is null)
            {
                return false;
            }

            var (movesS, settleS) = await MoveAsync(s, energyEv, position, ct);
            var countStart = _time.GetUtcNow();
            var counts = await CountAsync(s.Plan.Detectors, countS, ct);
            var countEnd = _time.GetUtcNow();
            s.Spots.Book(position, doseGy); // exposed, whatever the outcome

            var after = await ReadSignalsAsync(suspenders, ct);
            s.Signals = after;
            if (FirstTrip(suspenders, after) is { } lost)
            {
                s.Remeasured++;
                s.RemeasureS += (_time.GetUtcNow() - attemptStart).TotalSeconds;
                Publish(s, "scan.remeasure", Invariant($"point {spec.Index} at {energyEv:F2} eV on {position.Name} discarded and measured again: {lost}"),
                    ("point", spec.Index.ToString(CultureInfo.InvariantCulture)), ("reason", lost));
                continue;
            }

            s.MovesS += movesS;
            s.SettleS += settleS;
            s.CountS += countS;
            s.ReadoutS += Math.Max(0, (countEnd - countStart).TotalSeconds - countS);
            var tag = s.Request.Tagger is { } tagger ? await tagger.TagAsync(countStart + TimeSpan.FromSeconds(countS / 2), ct) : null;
            var record = _sink.Publish(new ScanPointRecord(
                _options.PointStream, 0, s.Request.ScanId, s.Request.RunId, spec.Index, spec.Sweep, position.Name, UnixSeconds(countStart), energyEv,
                position.PositionsMm, counts, _devices.I0Channel is { } i0 && counts.TryGetValue(i0, out var i0Counts) ? i0Counts : null,
                countS, Math.Max(0, (_time.GetUtcNow() - attemptStart).TotalSeconds - countS), doseGy, ringMa, tag));
            s.Points.Add(record);
            return true;
        }
    }

    /// <summary>The spot for the next exposure and its dose: the position's present spot if the count fits its budget,
    /// else the next fresh spot; (null, 0) when none is left.</summary>
    private (ScanPosition? Position, double DoseGy) NextSpot(ScanSession s, ScanPointSpec spec, double energyEv, double countS, double ringMa)
    {
        double dose = _devices.Dose?.ExposureGy(energyEv, countS, ringMa) ?? 0;
        var changes = new List<(string From, string To, double SpentGy, string Message)>(0);
        var position = s.Spots.Allocate(spec.PositionIndex, dose, changes, out var exhausted);
        foreach (var c in changes)
        {
            Publish(s, "scan.spot_change", c.Message, ("from", c.From), ("to", c.To), ("dose_gy", c.SpentGy.ToString("G6", CultureInfo.InvariantCulture)));
        }

        if (exhausted is not null)
        {
            Publish(s, "scan.dose_exhausted", exhausted, ("point", spec.Index.ToString(CultureInfo.InvariantCulture)));
        }

        return (position, dose);
    }

    /// <summary>Moves the monochromator and the stage together (each only if its target changed), then the plan's settle.</summary>
    private async Task<(double MovesS, double SettleS)> MoveAsync(ScanSession s, double energyEv, ScanPosition position, CancellationToken ct)
    {
        bool moveMono = s.LastEnergyEv != energyEv;
        bool moveStage = position.PositionsMm.Count > 0 && !ReferenceEquals(s.LastPosition, position) && _devices.Stage is not null;
        if (!moveMono && !moveStage)
        {
            return (0, 0);
        }

        var start = _time.GetUtcNow();
        s.LastEnergyEv = null; // unknown until the move has succeeded
        if (moveMono && moveStage)
        {
            await Task.WhenAll(_devices.Mono.MoveAsync(energyEv, ct), _devices.Stage!.MoveToAsync(position.PositionsMm, ct));
        }
        else if (moveMono)
        {
            await _devices.Mono.MoveAsync(energyEv, ct);
        }
        else
        {
            await _devices.Stage!.MoveToAsync(position.PositionsMm, ct);
        }

        s.LastEnergyEv = energyEv;
        s.LastPosition = position;
        var moved = _time.GetUtcNow();
        if (s.Plan.SettleS > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(s.Plan.SettleS), _time, ct);
        }

        return ((moved - start).TotalSeconds, (_time.GetUtcNow() - moved).TotalSeconds);
    }

    private async Task<IReadOnlyDictionary<string, double>> CountAsync(IReadOnlyList<string> detectors, double countS, CancellationToken ct)
    {
        var time = TimeSpan.FromSeconds(countS);
        if (detectors.Count == 1)
        {
            var only = detectors[0];
            return Prefixed(only, await _devices.Detectors[only].TriggerAsync(time, ct));
        }

        var reads = await Task.WhenAll(detectors.Select(d => _devices.Detectors[d].TriggerAsync(time, ct)));
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < detectors.Count; i++)
        {
            foreach (var (channel, value) in reads[i])
            {
                counts[detectors[i] + "." + channel] = value;
            }
        }

        return counts;
    }

    private static Dictionary<string, double> Prefixed(string detector, IReadOnlyDictionary<string, double> counts)
    {
        var result = new Dictionary<string, double>(counts.Count, StringComparer.Ordinal);
        foreach (var (channel, value) in counts)
        {
            result[detector + "." + channel] = value;
        }

        return result;
    }

    private void Publish(ScanSession s, string kind, string message, params (string Key, string Value)[] fields)
    {
        var e = new ScanEvent(_time.GetUtcNow(), s.Request.RunId, s.Request.ScanId, kind, message,
            fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
        s.Events.Add(e);
        _events.Publish(e);
    }

    /// <summary>Seconds since the Unix epoch, with the clock's full (100 ns) resolution.</summary>
    public static double UnixSeconds(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).TotalSeconds;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
