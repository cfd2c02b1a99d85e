using System.Globalization;

namespace OperandoRig.Daemon.Operando.Beam;

/// <summary>
/// Serves one beam to many cells by a <see cref="BeamPolicy"/>: a caller awaits <see cref="AcquireAsync"/>, runs its
/// scans, and disposes the lease; the next waiting request is then chosen. Every decision is an event
/// (<c>beam.request</c>, <c>beam.grant</c> with the wait and the reason, <c>beam.release</c>, <c>beam.withdrawn</c>).
/// Thread-safe; grants are handed over in order on the daemon clock.
/// </summary>
public sealed class BeamTimeArbiter(BeamPolicy policy, TimeProvider time, IOperandoEventSink events)
{
    private readonly Lock _gate = new();
    private readonly List<Waiter> _queue = [];
    private long _arrivals;
    private Waiter? _holder;

    /// <summary>The policy in force.</summary>
    public BeamPolicy Policy => policy;

    /// <summary>Requests waiting now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Waits for the beam; the returned lease holds it until disposed. Cancelling withdraws the request.</summary>
    public async Task<BeamLease> AcquireAsync(BeamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = NowS();
        Waiter waiter;
        bool granted;
        int ahead;
        lock (_gate)
        {
            waiter = new Waiter(request, now, _arrivals++, new TaskCompletionSource<BeamLease>(TaskCreationOptions.RunContinuationsAsynchronously));
            ahead = _queue.Count + (_holder is null ? 0 : 1);
            granted = _holder is null;
            if (granted)
            {
                _holder = waiter;
            }
            else
            {
                _queue.Add(waiter);
            }
        }

        Record(request, now, "beam.request", granted
            ? $"{request.ChannelId} asks for the beam ({request.Reason}); the beam is free"
            : $"{request.ChannelId} asks for the beam ({request.Reason}); {ahead} ahead of it",
            ("queue_ahead", ahead.ToString(CultureInfo.InvariantCulture)));
        if (granted)
        {
            return Grant(waiter, now, "the beam was free");
        }

        using var registration = cancellationToken.Register(() => Withdraw(waiter));
        return await waiter.Done.Task;
    }

    private BeamLease Grant(Waiter w, double now, string reason)
    {
        var waited = now - w.RequestedUnixS;
        var lease = new BeamLease(this, w.Request, now, waited);
        Record(w.Request, now, "beam.grant",
            FormattableString.Invariant($"beam to {w.Request.ChannelId} after {waited:0.###} s ({reason}; policy: {policy.Describe()})"),
            ("waited_s", waited.ToString("R", CultureInfo.InvariantCulture)),
            ("reason", reason),
            ("priority", w.Request.Priority.ToString(CultureInfo.InvariantCulture)));
        return lease;
    }

    internal void Release(BeamLease lease)
    {
        var now = NowS();
        Record(lease.Request, now, "beam.release",
            FormattableString.Invariant($"{lease.Request.ChannelId} released the beam after {now - lease.GrantedUnixS:0.###} s"),
            ("held_s", (now - lease.GrantedUnixS).ToString("R", CultureInfo.InvariantCulture)));
        Waiter? next;
        string reason;
        lock (_gate)
        {
            if (_holder?.Request != lease.Request)
            {
                return; // released twice
            }

            (next, reason) = ChooseNext(now);
            _holder = next;
            if (next is not null)
            {
                _queue.Remove(next);
            }
        }

        if (next is not null)
        {
            next.Done.TrySetResult(Grant(next, now, reason));
        }
    }

    /// <summary>Picks the next waiter by the policy (call under the lock).</summary>
    private (Waiter?, string) ChooseNext(double now)
    {
        if (_queue.Count == 0)
        {
            return (null, "");
        }

        if (policy.MaxWaitS is { } maxWait)
        {
            var overdue = _queue.Where(w => now - w.RequestedUnixS > maxWait).MinBy(w => w.Arrival);
            if (overdue is not null)
            {
                return (overdue, FormattableString.Invariant($"waited {now - overdue.RequestedUnixS:0.###} s, over the maximum wait of {maxWait:G6} s"));
            }
        }

        if (policy.Order == BeamOrder.Priority)
        {
            var best = _queue.OrderByDescending(w => w.Request.Priority).ThenBy(w => w.Arrival).First();
            return (best, $"highest priority waiting ({best.Request.Priority}), first come among equals");
        }

        return (_queue.MinBy(w => w.Arrival), "first come first served");
    }

    private void Withdraw(Waiter w)
    {
        bool removed;
        lock (_gate)
        {
            removed = _queue.Remove(w);
        }

        if (removed)
        {
            var now = NowS();
            Record(w.Request, now, "beam.withdrawn", FormattableString.Invariant($"{w.Request.ChannelId} withdrew its request after {now - w.RequestedUnixS:0.###} s"));
            w.Done.TrySetCanceled();
        }
    }

    private void Record(BeamRequest r, double now, string kind, string message, params (string Key, string Value)[] extra)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["request_id"] = r.RequestId,
            ["channel_id"] = r.ChannelId,
            ["policy"] = policy.Describe(),
        };
        foreach (var (k, v) in extra)
        {
            fields[k] = v;
        }

        events.Publish(new OperandoEvent(r.RunId, OperandoEvent.DefaultStream, now, kind, message, fields));
    }

    private double NowS() => (time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;

    private sealed record Waiter(BeamRequest Request, double RequestedUnixS, long Arrival, TaskCompletionSource<BeamLease> Done);
}
