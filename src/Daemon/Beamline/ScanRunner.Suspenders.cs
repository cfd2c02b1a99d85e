using Microsoft.Extensions.Logging;
using OperandoRig.Drivers.Abstractions.Errors;

namespace OperandoRig.Daemon.Beamline;

/// <summary>Suspenders: reading their signals, suspending at a safe point, resuming after recovery plus settle.</summary>
public sealed partial class ScanRunner
{
    /// <summary>The plan's suspenders plus the ones no scan runs without: beam delivered (when there is a ring status)
    /// and shutter open (when there is a shutter), so no point is recorded without beam even if the plan names none.</summary>
    private List<SuspenderSpec> WithImplicitSuspenders(IReadOnlyList<SuspenderSpec> planned)
    {
        var all = new List<SuspenderSpec>(planned);
        if (_devices.Ring is not null && !planned.OfType<RingCurrentSuspender>().Any())
        {
            all.Add(new RingCurrentSuspender(0, 0, 0));
        }

        if (_devices.Shutter is not null && !planned.OfType<ShutterSuspender>().Any())
        {
            all.Add(new ShutterSuspender(0, OpenOnResume: true));
        }

        return all;
    }

    private async Task<IReadOnlyDictionary<string, double>> ReadSignalsAsync(IReadOnlyList<SuspenderSpec> suspenders, CancellationToken ct)
    {
        var values = new Dictionary<string, double>(4, StringComparer.Ordinal);
        foreach (var s in suspenders)
        {
            switch (s)
            {
                case RingCurrentSuspender when !values.ContainsKey(SignalNames.RingCurrent):
                    var beam = await _devices.Ring!.ReadAsync(ct);
                    values[SignalNames.RingCurrent] = beam.RingCurrentMa;
                    values[SignalNames.BeamAvailable] = beam.BeamAvailable ? 1 : 0;
                    break;
                case ShutterSuspender when !values.ContainsKey(SignalNames.ShutterOpen):
                    values[SignalNames.ShutterOpen] = await _devices.Shutter!.IsOpenAsync(ct) ? 1 : 0;
                    break;
                case BandSuspender b when !values.ContainsKey(b.Signal):
                    values[b.Signal] = await _devices.Signals[b.Signal].ReadAsync(ct);
                    break;
            }
        }

        return values;
    }

    private static string? FirstTrip(IReadOnlyList<SuspenderSpec> suspenders, IReadOnlyDictionary<string, double> values)
    {
        foreach (var s in suspenders)
        {
            if (s.Trips(values) is { } why)
            {
                return why;
            }
        }

        return null;
    }

    /// <summary>
    /// Suspends at a safe point: polls the signals until every suspender clears (its resume threshold), reopens the
    /// shutter when a shutter suspender asks for it, waits the longest settle time of the suspenders that tripped, and
    /// resumes only if everything is still clear then. Returns the signal values it resumed on.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, double>> SuspendAsync(ScanSession s, IReadOnlyList<SuspenderSpec> suspenders, string why, CancellationToken ct)
    {
        var start = _time.GetUtcNow();
        s.Suspensions++;
        Publish(s, "scan.suspend", $"scan {s.Request.ScanId} suspended: {why}", ("reason", why), ("points", s.Points.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        LogSuspended(_logger, s.Request.ScanId, why);
        var tripped = new HashSet<SuspenderSpec>();
        try
        {
            while (true)
            {
                var values = await ReadSignalsAsync(suspenders, ct);
                bool othersClear = true;
                ShutterSuspender? reopen = null;
                foreach (var sp in suspenders)
                {
                    if (sp.Trips(values) is not null || !sp.Clears(values))
                    {
                        tripped.Add(sp);
                        if (sp is ShutterSuspender { OpenOnResume: true } shutter)
                        {
                            reopen = shutter;
                        }
                        else
                        {
                            othersClear = false;
                        }
                    }
                }

                if (othersClear && reopen is not null && await TryOpenShutterAsync(ct))
                {
                    continue; // read again now that the shutter has moved
                }

                if (othersClear && reopen is null)
                {
                    double settle = tripped.Count == 0 ? 0 : tripped.Max(t => t.SettleS);
                    if (settle > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(settle), _time, ct);
                        values = await ReadSignalsAsync(suspenders, ct);
                        if (suspenders.Any(sp => !sp.Clears(values)))
                        {
                            continue; // it went away again while settling
                        }
                    }

                    var suspended = (_time.GetUtcNow() - start).TotalSeconds;
                    Publish(s, "scan.resume", FormattableString.Invariant(
                        $"scan {s.Request.ScanId} resumed after {suspended:G6} s (settle {settle:G6} s); the interrupted point is measured again"),
                        ("suspended_s", suspended.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
                    LogResumed(_logger, s.Request.ScanId, suspended);
                    return values;
                }

                await Task.Delay(_options.SuspendPoll, _time, ct);
            }
        }
        finally
        {
            s.SuspendedS += (_time.GetUtcNow() - start).TotalSeconds;
            s.LastEnergyEv = null; // re-assert the set points after a suspension (a beam dump may have moved optics)
            s.LastPosition = null;
        }
    }

    private async Task<bool> TryOpenShutterAsync(CancellationToken ct)
    {
        try
        {
            await _devices.Shutter!.OpenAsync(ct);
            return true;
        }
        catch (InvalidDeviceStateException ex)
        {
            LogShutterRefused(_logger, ex.Message);
            return false; // e.g. no beam permit yet: keep waiting
        }
    }

    private async Task OpenShutterAtStartAsync(ScanSession s, IReadOnlyList<SuspenderSpec> suspenders, CancellationToken ct)
    {
        if (_devices.Shutter is null || !_options.OpenShutterAtStart)
        {
            return;
        }

        var values = await ReadSignalsAsync(suspenders, ct);
        bool beam = !values.TryGetValue(SignalNames.BeamAvailable, out var b) || b >= 0.5;
        if (beam && values.GetValueOrDefault(SignalNames.ShutterOpen, 1) < 0.5)
        {
            var start = _time.GetUtcNow();
            if (await TryOpenShutterAsync(ct))
            {
                s.MovesS += (_time.GetUtcNow() - start).TotalSeconds;
            }
        }
    }

    private async Task CloseShutterAtEndAsync(ScanSession s)
    {
        if (_devices.Shutter is null || !_options.CloseShutterAtEnd)
        {
            return;
        }

        var start = _time.GetUtcNow();
        try
        {
            await _devices.Shutter.CloseAsync(CancellationToken.None);
            s.MovesS += (_time.GetUtcNow() - start).TotalSeconds;
        }
        catch (DeviceException ex)
        {
            LogShutterCloseFailed(_logger, ex, s.Request.ScanId);
        }
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Scan {ScanId} started: plan '{Plan}', {Points} points")]
    private static partial void LogScanStarted(ILogger logger, string scanId, string plan, int points);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Scan {ScanId} ended: {Reason} ({Message})")]
    private static partial void LogScanEnded(ILogger logger, string scanId, ScanEndReason reason, string message);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Scan {ScanId} suspended: {Why}")]
    private static partial void LogSuspended(ILogger logger, string scanId, string why);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Scan {ScanId} resumed after {SuspendedS} s")]
    private static partial void LogResumed(ILogger logger, string scanId, double suspendedS);

    [LoggerMessage(EventId = 605, Level = LogLevel.Debug, Message = "Opening the shutter was refused: {Why}")]
    private static partial void LogShutterRefused(ILogger logger, string why);

    [LoggerMessage(EventId = 606, Level = LogLevel.Error, Message = "Scan {ScanId}: closing the shutter at the end failed")]
    private static partial void LogShutterCloseFailed(ILogger logger, Exception exception, string scanId);

    [LoggerMessage(EventId = 607, Level = LogLevel.Error, Message = "Scan {ScanId} ended by a device fault")]
    private static partial void LogScanFault(ILogger logger, Exception exception, string scanId);
}
