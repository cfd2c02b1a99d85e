using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Operando;

/// <summary>
/// The recent samples of one channel, in time order, for tagging scan points with the cell's state: interpolates the
/// state at any instant the samples bracket, and lets a tagger wait for the sample that closes the bracket. Bounded:
/// the oldest samples are dropped beyond <c>capacity</c> (a day of 1 s samples by default). Thread-safe.
/// </summary>
public sealed class SampleWindow(int capacity = 86_400)
{
    private readonly Lock _gate = new();
    private readonly List<SampleRecord> _samples = [];
    private readonly List<(double TimeUnixS, TaskCompletionSource Done)> _waiters = [];
    private bool _completed;

    /// <summary>How many samples the window holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    /// <summary>The newest sample, or null.</summary>
    public SampleRecord? Latest
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count == 0 ? null : _samples[^1];
            }
        }
    }

    /// <summary>Adds the next sample (out-of-order ones are ignored) and wakes the waiters it satisfies.</summary>
    public void Add(SampleRecord sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        List<TaskCompletionSource>? wake = null;
        lock (_gate)
        {
            if (_samples.Count > 0 && sample.TimeUnixS < _samples[^1].TimeUnixS)
            {
                return;
            }

            _samples.Add(sample);
            if (_samples.Count > capacity * 2)
            {
                _samples.RemoveRange(0, _samples.Count - capacity);
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].TimeUnixS <= sample.TimeUnixS)
                {
                    (wake ??= []).Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        wake?.ForEach(w => w.TrySetResult());
    }

    /// <summary>No more samples will come (the run ended): every waiter is released.</summary>
    public void Complete()
    {
        List<TaskCompletionSource> wake;
        lock (_gate)
        {
            _completed = true;
            wake = [.. _waiters.Select(w => w.Done)];
            _waiters.Clear();
        }

        wake.ForEach(w => w.TrySetResult());
    }

    /// <summary>The samples at or after <paramref name="timeUnixS"/>, oldest first.</summary>
    public IReadOnlyList<SampleRecord> Since(double timeUnixS)
    {
        lock (_gate)
        {
            var from = FirstAtOrAfter(timeUnixS);
            return _samples.GetRange(from, _samples.Count - from);
        }
    }

    /// <summary>The typical interval between the last samples, s (null with fewer than two).</summary>
    public double? TypicalIntervalS()
    {
        lock (_gate)
        {
            if (_samples.Count < 2)
            {
                return null;
            }

            var n = Math.Min(_samples.Count - 1, 16);
            var intervals = new double[n];
            for (var i = 0; i < n; i++)
            {
                intervals[i] = _samples[^(i + 1)].TimeUnixS - _samples[^(i + 2)].TimeUnixS;
            }

            Array.Sort(intervals);
            return intervals[n / 2];
        }
    }

    /// <summary>
    /// The state at <paramref name="timeUnixS"/> from the samples that bracket it. Between samples: charge is
    /// interpolated linearly (exact under constant current); voltage and current too within one step. Across a step
    /// change the new step's voltage and current are taken (the transition happens at the earlier sample, which is the
    /// old step's end point), as are its cycle and step. Returns <see cref="TagOutcome.NotYet"/> when no sample at or
    /// after the instant has arrived, <see cref="TagOutcome.BeforeWindow"/> when it predates the window.
    /// </summary>
    public TagOutcome TryInterpolate(double timeUnixS, SocCounter soc, out CellStateSnapshot? state)
    {
        ArgumentNullException.ThrowIfNull(soc);
        lock (_gate)
        {
            state = null;
            if (_samples.Count == 0)
            {
                return _completed ? TagOutcome.NoSamples : TagOutcome.NotYet;
            }

            if (timeUnixS < _samples[0].TimeUnixS)
            {
                return TagOutcome.BeforeWindow;
            }

            var b = FirstAtOrAfter(timeUnixS);
            if (b == _samples.Count)
            {
                if (!_completed)
                {
                    return TagOutcome.NotYet;
                }

                state = Snapshot(_samples[^1], timeUnixS, _samples[^1].ChargeAh, soc); // the run ended: the last state holds
                return TagOutcome.LastKnown;
            }

            var after = _samples[b];
            if (after.TimeUnixS == timeUnixS || b == 0)
            {
                state = Snapshot(after, timeUnixS, after.ChargeAh, soc);
                return TagOutcome.Interpolated;
            }

            var before = _samples[b - 1];
            var f = (timeUnixS - before.TimeUnixS) / (after.TimeUnixS - before.TimeUnixS);
            var chargeAh = before.ChargeAh + (f * (after.ChargeAh - before.ChargeAh));
            var sameStep = before.StepIndex == after.StepIndex && before.Cycle == after.Cycle && before.RunId == after.RunId;
            state = sameStep
                ? new CellStateSnapshot(after.ChannelId, after.RunId, timeUnixS,
                    before.VoltageV + (f * (after.VoltageV - before.VoltageV)),
                    before.CurrentA + (f * (after.CurrentA - before.CurrentA)),
                    chargeAh, soc.SocAt(chargeAh), after.Cycle, after.StepIndex, after.StepLabel)
                : Snapshot(after, timeUnixS, chargeAh, soc);
            return TagOutcome.Interpolated;
        }
    }

    /// <summary>Completes when a sample at or after <paramref name="timeUnixS"/> is in the window, or the window is complete.</summary>
    public Task WaitForSampleAsync(double timeUnixS, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_completed || (_samples.Count > 0 && _samples[^1].TimeUnixS >= timeUnixS))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource();
            _waiters.Add((timeUnixS, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    private int FirstAtOrAfter(double t)
    {
        int lo = 0, hi = _samples.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_samples[mid].TimeUnixS < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static CellStateSnapshot Snapshot(SampleRecord s, double timeUnixS, double chargeAh, SocCounter soc) =>
        new(s.ChannelId, s.RunId, timeUnixS, s.VoltageV, s.CurrentA, chargeAh, soc.SocAt(chargeAh), s.Cycle, s.StepIndex, s.StepLabel);
}

/// <summary>How a tag was obtained.</summary>
public enum TagOutcome
{
    /// <summary>Interpolated between (or taken from) samples bracketing the instant.</summary>
    Interpolated,
    /// <summary>No sample at or after the instant yet: wait for one.</summary>
    NotYet,
    /// <summary>The run ended before the instant: its last state.</summary>
    LastKnown,
    /// <summary>The instant is older than the window's first sample.</summary>
    BeforeWindow,
    /// <summary>The run ended without a sample.</summary>
    NoSamples,
}
