using System.Globalization;
using OperandoRig.Daemon.Operando.Beam;
using OperandoRig.Daemon.Operando.Plans;
using OperandoRig.Daemon.Operando.Sync;
using OperandoRig.Daemon.Operando.Triggers;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Operando;

/// <summary>The actions of a trigger firing.</summary>
public sealed partial class OperandoCellSession
{
    private async Task ServeAsync(TriggerFiring firing, CancellationToken cancellationToken)
    {
        var completed = false;
        try
        {
            foreach (var action in firing.Trigger.Actions)
            {
                switch (action)
                {
                    case HoldAction h:
                        await HoldAsync(h.Policy, firing, cancellationToken);
                        break;
                    case SettleAction s:
                        await SettleAsync(s, firing, cancellationToken);
                        break;
                    case ScanAction s:
                        await ScanAsync(s, firing, cancellationToken);
                        break;
                    case ResumeAction:
                        await ResumeAsync(firing, cancellationToken);
                        break;
                    case SyncAction s:
                        if (!await SyncAsync(s, firing, cancellationToken))
                        {
                            return; // the run was aborted
                        }

                        break;
                }
            }

            completed = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Publish("operando.failed", $"{_plan.ChannelId}: serving {firing.FiringId} failed: {ex.Message}",
                Fields(("trigger_id", firing.FiringId), ("error", ex.GetType().Name)));
        }
        finally
        {
            if (completed)
            {
                Served++;
            }
            else
            {
                Unserved++;
            }

            if (IsHeldNow() && !_aborted && _cell.IsActive)
            {
                await ResumeAsync(firing, CancellationToken.None); // never leave a cell held by a plan that is done with it
            }
        }
    }

    private async Task HoldAsync(HoldPolicy policy, TriggerFiring firing, CancellationToken cancellationToken)
    {
        if (IsHeldNow())
        {
            return;
        }

        var reason = $"operando: {firing.FiringId} ({firing.Reason})";
        await _cell.PauseAsync(policy, reason, cancellationToken);
        var now = NowS();
        lock (_gate)
        {
            _holds.Add((now, double.PositiveInfinity, policy));
        }

        Publish("operando.hold", $"{_plan.ChannelId}: cell held ({policy}) for {firing.FiringId}", Fields(("trigger_id", firing.FiringId), ("hold", policy.ToString())));
    }

    private async Task ResumeAsync(TriggerFiring firing, CancellationToken cancellationToken)
    {
        double since;
        HoldPolicy policy;
        lock (_gate)
        {
            if (_holds.Count == 0 || !double.IsPositiveInfinity(_holds[^1].To))
            {
                return;
            }

            since = _holds[^1].From;
            policy = _holds[^1].Policy;
        }

        await _cell.ResumeAsync($"operando: {firing.FiringId} done", cancellationToken);
        var now = NowS();
        lock (_gate)
        {
            _holds[^1] = (since, now, policy);
        }

        Publish("operando.resume", FormattableString.Invariant($"{_plan.ChannelId}: protocol resumed after a hold of {now - since:0.###} s"),
            Fields(("trigger_id", firing.FiringId), ("held_s", (now - since).ToString("R", CultureInfo.InvariantCulture))));
    }

    private async Task SettleAsync(SettleAction settle, TriggerFiring firing, CancellationToken cancellationToken)
    {
        var start = NowS();
        if (settle.FixedS is { } fixedS)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(fixedS * 1000)), _services.Time, cancellationToken);
            Publish("operando.settled", FormattableString.Invariant($"{_plan.ChannelId}: settled for {fixedS:G6} s"), Fields(("trigger_id", firing.FiringId), ("settle_s", fixedS.ToString("R", CultureInfo.InvariantCulture))));
            return;
        }

        var threshold = settle.MaxRateVPerS ?? double.PositiveInfinity;
        double? rate = null;
        while (true)
        {
            var window = new VoltageRateWindow(settle.WindowS);
            foreach (var s in Window.Since(start))
            {
                window.Add(s.TimeUnixS, s.VoltageV);
            }

            rate = window.RateVPerS();
            var now = NowS();
            var remaining = start + settle.MaxS - now;
            if ((rate is { } r && Math.Abs(r) < threshold) || remaining <= 0)
            {
                break;
            }

            var next = (Window.Latest?.TimeUnixS ?? now) + 1e-6;
            try
            {
                await Window.WaitForSampleAsync(next, cancellationToken).WaitAsync(TimeSpan.FromMilliseconds(Math.Ceiling(remaining * 1000)), _services.Time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // the maximum settle time passed: checked above
            }
        }

        var took = NowS() - start;
        var relaxed = rate is { } final && Math.Abs(final) < threshold;
        Publish("operando.settled",
            relaxed
                ? FormattableString.Invariant($"{_plan.ChannelId}: settled after {took:0.#} s, |dV/dt| {Math.Abs(rate!.Value) * 6e4:G3} mV/min")
                : FormattableString.Invariant($"{_plan.ChannelId}: not settled after the maximum {settle.MaxS:G6} s (|dV/dt| {(rate is { } x ? Math.Abs(x) * 6e4 : double.NaN):G3} mV/min); scanning anyway"),
            Fields(("trigger_id", firing.FiringId), ("settle_s", took.ToString("R", CultureInfo.InvariantCulture)), ("relaxed", relaxed ? "true" : "false")));
    }

    private async Task ScanAsync(ScanAction scan, TriggerFiring firing, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> spots = scan.Spots.Count > 0 ? scan.Spots : _plan.Spots.Count > 0 ? _plan.Spots : [""];
        using var lease = await _services.Arbiter.AcquireAsync(new BeamRequest(firing.FiringId, _plan.ChannelId, _runId, _plan.Priority, firing.Reason), cancellationToken);
        foreach (var spot in spots)
        {
            var scanId = string.Create(CultureInfo.InvariantCulture, $"{_runId}-scan-{++_scanCounter}");
            var request = new OperandoScanRequest(_runId, scanId, _plan.ChannelId, scan.Plan, spot, firing.FiringId, Tagger);
            var result = await _services.Scans.RunAsync(request, cancellationToken);
            Publish("operando.scan",
                FormattableString.Invariant($"{_plan.ChannelId}: scan {scanId} ({scan.Plan} at {(spot.Length == 0 ? "the beam" : spot)}) for {firing.FiringId}: {result.PointCount} points, SOC {result.MinSoc * 100:0.##}..{result.MaxSoc * 100:0.##} %{(double.IsFinite(result.EdgeEv) ? $", edge {result.EdgeEv:0.00} eV" : "")}, {result.EndReason}"),
                State(firing.State,
                    ("trigger_id", firing.FiringId),
                    ("trigger", firing.Trigger.Name),
                    ("reason", firing.Reason),
                    ("scan_id", scanId),
                    ("scan_plan", scan.Plan),
                    ("spot", spot),
                    ("points", result.PointCount.ToString(CultureInfo.InvariantCulture)),
                    ("tagged_points", result.TaggedCount.ToString(CultureInfo.InvariantCulture)),
                    ("scan_start_unix_s", result.StartUnixS.ToString("R", CultureInfo.InvariantCulture)),
                    ("scan_end_unix_s", result.EndUnixS.ToString("R", CultureInfo.InvariantCulture)),
                    ("scan_soc_min", result.MinSoc.ToString("R", CultureInfo.InvariantCulture)),
                    ("scan_soc_max", result.MaxSoc.ToString("R", CultureInfo.InvariantCulture)),
                    ("beam_waited_s", lease.WaitedS.ToString("R", CultureInfo.InvariantCulture)),
                    ("edge_ev", result.EdgeEv.ToString("R", CultureInfo.InvariantCulture)),
                    ("end_reason", result.EndReason)));
        }
    }

    /// <summary>Publishes a sync point and waits for its acknowledgement; false when the fallback aborted the run.</summary>
    private async Task<bool> SyncAsync(SyncAction sync, TriggerFiring firing, CancellationToken cancellationToken)
    {
        await HoldAsync(sync.Hold, firing, cancellationToken);
        using var lease = await _services.Arbiter.AcquireAsync(new BeamRequest(firing.FiringId, _plan.ChannelId, _runId, _plan.Priority, $"external sync '{sync.Label}'"), cancellationToken);
        var now = NowS();
        var latest = Window.Latest;
        var state = latest is null ? null
            : new CellStateSnapshot(latest.ChannelId, latest.RunId, latest.TimeUnixS, latest.VoltageV, latest.CurrentA, latest.ChargeAh, Soc.SocAt(latest.ChargeAh), latest.Cycle, latest.StepIndex, latest.StepLabel);
        var point = new SyncPoint(_services.Sync.NextId(_plan.ChannelId), _plan.ChannelId, _runId, firing.FiringId, sync.Label, _plan.Spots, now, now + sync.TimeoutS, state);
        var syncFields = Fields(("trigger_id", firing.FiringId), ("sync_id", point.SyncId), ("label", sync.Label));
        Publish("sync.published", FormattableString.Invariant($"{_plan.ChannelId}: sync point {point.SyncId} '{sync.Label}' published; acknowledge within {sync.TimeoutS:G6} s"), syncFields);
        var outcome = await _services.Sync.PublishAndWaitAsync(point, TimeSpan.FromSeconds(sync.TimeoutS), sync.OnTimeout != SyncFallback.KeepHolding, cancellationToken);
        if (outcome == SyncOutcome.TimedOut)
        {
            Publish("sync.timeout", FormattableString.Invariant($"{_plan.ChannelId}: sync point {point.SyncId} not acknowledged within {sync.TimeoutS:G6} s; fallback: {sync.OnTimeout}"),
                Fields(("trigger_id", firing.FiringId), ("sync_id", point.SyncId), ("fallback", sync.OnTimeout.ToString())));
            switch (sync.OnTimeout)
            {
                case SyncFallback.Abort:
                    _aborted = true;
                    await _cell.AbortAsync($"operando: sync point {point.SyncId} '{sync.Label}' was not acknowledged within {sync.TimeoutS.ToString("G6", CultureInfo.InvariantCulture)} s", cancellationToken);
                    return false;
                case SyncFallback.KeepHolding:
                    await _services.Sync.WaitAcknowledgedAsync(point.SyncId, cancellationToken);
                    break;
                default:
                    return true;
            }
        }

        var ack = _services.Sync.AcknowledgementOf(point.SyncId);
        syncFields["waited_s"] = (NowS() - now).ToString("R", CultureInfo.InvariantCulture);
        syncFields["script_outcome"] = ack?.Outcome ?? "";
        syncFields["script_note"] = ack?.Note ?? "";
        Publish("sync.acknowledged", FormattableString.Invariant(
            $"{_plan.ChannelId}: sync point {point.SyncId} acknowledged after {NowS() - now:0.###} s ({ack?.Outcome ?? "done"}{(string.IsNullOrEmpty(ack?.Note) ? "" : ": " + ack.Note)})"), syncFields);
        return true;
    }

    private bool IsHeldAt(double timeUnixS)
    {
        lock (_gate)
        {
            foreach (var (from, to, _) in _holds)
            {
                if (timeUnixS > from && timeUnixS < to)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when one open-circuit hold of this session covers [from, to].</summary>
    private bool HeldAtOpenCircuit(double fromUnixS, double toUnixS)
    {
        lock (_gate)
        {
            foreach (var (from, to, policy) in _holds)
            {
                if (policy == HoldPolicy.OpenCircuit && from <= fromUnixS && toUnixS <= to)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private bool IsHeldNow()
    {
        lock (_gate)
        {
            return _holds.Count > 0 && double.IsPositiveInfinity(_holds[^1].To);
        }
    }

    private double NowS() => (_services.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;

    private void Publish(string kind, string message, Dictionary<string, string> fields) =>
        _services.Events.Publish(new OperandoEvent(_runId, OperandoEvent.DefaultStream, NowS(), kind, message, fields));

    private Dictionary<string, string> Fields(params (string Key, string Value)[] extra)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["channel_id"] = _plan.ChannelId };
        foreach (var (k, v) in extra)
        {
            fields[k] = v;
        }

        return fields;
    }

    private Dictionary<string, string> State(CellStateSnapshot s, params (string Key, string Value)[] extra)
    {
        var fields = Fields(extra);
        fields["trigger_time_unix_s"] = s.TimeUnixS.ToString("R", CultureInfo.InvariantCulture);
        fields["trigger_voltage_v"] = s.VoltageV.ToString("R", CultureInfo.InvariantCulture);
        fields["trigger_current_a"] = s.CurrentA.ToString("R", CultureInfo.InvariantCulture);
        fields["trigger_charge_ah"] = s.ChargeAh.ToString("R", CultureInfo.InvariantCulture);
        fields["trigger_soc"] = s.Soc.ToString("R", CultureInfo.InvariantCulture);
        fields["cycle"] = s.Cycle.ToString(CultureInfo.InvariantCulture);
        fields["step_index"] = s.StepIndex.ToString(CultureInfo.InvariantCulture);
        return fields;
    }
}
