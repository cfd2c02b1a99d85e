namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// The ring's history as segments, generated lazily in time order so it depends only on the options and the seed,
/// never on when or how often it is queried. Stored beam decays until the next top-up (back to nominal) or dump;
/// a dump is followed by a down time and a linear refill.
/// </summary>
internal sealed class RingTimeline
{
    private readonly SimulatedRingOptions _options;
    private readonly List<RingSegment> _segments = [];
    private readonly double[] _scheduled;
    private readonly Random _random;
    private readonly double _lifetimeS;
    private int _nextScheduled;
    private double _nextRandomDumpS;

    public RingTimeline(SimulatedRingOptions options)
    {
        _options = options;
        _lifetimeS = options.LifetimeH * 3600;
        _scheduled = [.. options.ScheduledDumpsAfterS.Order()];
#pragma warning disable CA5394 // simulation randomness, not security
        _random = new Random(options.Seed);
#pragma warning restore CA5394
        _nextRandomDumpS = DrawRandomDump(0);
        _segments.Add(Stored(0, options.NominalCurrentMa));
    }

    /// <summary>The segment containing <paramref name="timeS"/> (times before 0 map to the first).</summary>
    public RingSegment At(double timeS)
    {
        ExtendTo(timeS);
        int index = IndexOf(timeS);
        return _segments[index];
    }

    /// <summary>Start of the first dump in (a, b], s, or null. "After a" means more than 1 µs after it, so a dump time
    /// that went through <see cref="DateTimeOffset"/> (100 ns ticks) and back is not found again.</summary>
    public double? FirstDumpIn(double aS, double bS)
    {
        ExtendTo(bS);
        for (int i = IndexOf(aS); i < _segments.Count && _segments[i].StartS <= bS; i++)
        {
            if (_segments[i].Phase == RingPhase.Down && _segments[i].StartS > aS + 1e-6)
            {
                return _segments[i].StartS;
            }
        }

        return null;
    }

    /// <summary>∫ I dt over [a, b] while beam is delivered, mA·s.</summary>
    public double DeliveredChargeMaS(double aS, double bS)
    {
        ExtendTo(bS);
        double sum = 0;
        for (int i = IndexOf(aS); i < _segments.Count && _segments[i].StartS < bS; i++)
        {
            sum += _segments[i].DeliveredChargeMaS(aS, bS);
        }

        return sum;
    }

    private int IndexOf(double timeS)
    {
        int lo = 0;
        int hi = _segments.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_segments[mid].StartS <= timeS)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private void ExtendTo(double timeS)
    {
        while (_segments[^1].EndS <= timeS)
        {
            var last = _segments[^1];
            double t = last.EndS;
            if (last.Phase == RingPhase.Down)
            {
                _segments.Add(new(t, t + _options.RefillDurationS, RingPhase.Refilling, 0, _lifetimeS, _options.NominalCurrentMa));
                continue;
            }

            if (last.Phase == RingPhase.Refilling)
            {
                SkipScheduledBefore(t);
                _nextRandomDumpS = DrawRandomDump(t);
                _segments.Add(Stored(t, _options.NominalCurrentMa));
                continue;
            }

            // Stored beam ended either at a top-up or at a dump; Stored() chose the end, so look which.
            bool dump = (_nextScheduled < _scheduled.Length && _scheduled[_nextScheduled] <= t) || _nextRandomDumpS <= t;
            if (dump)
            {
                SkipScheduledBefore(t + 1e-9);
                _nextRandomDumpS = double.PositiveInfinity;
                _segments.Add(new(t, t + _options.RefillDelayS, RingPhase.Down, 0, _lifetimeS, _options.NominalCurrentMa));
            }
            else
            {
                _segments.Add(Stored(t, _options.NominalCurrentMa));
            }
        }
    }

    /// <summary>A stored-beam segment from <paramref name="startS"/> to the next top-up or dump, whichever comes first.</summary>
    private RingSegment Stored(double startS, double currentMa)
    {
        double interval = _options.TopUpIntervalS;
        double nextTopUp = double.IsPositiveInfinity(interval) ? double.PositiveInfinity : (Math.Floor((startS / interval) + 1e-9) + 1) * interval;
        double nextScheduled = _nextScheduled < _scheduled.Length ? _scheduled[_nextScheduled] : double.PositiveInfinity;
        double end = Math.Min(nextTopUp, Math.Min(nextScheduled, _nextRandomDumpS));
        return new(startS, end, RingPhase.Stored, currentMa, _lifetimeS, _options.NominalCurrentMa);
    }

    private void SkipScheduledBefore(double timeS)
    {
        while (_nextScheduled < _scheduled.Length && _scheduled[_nextScheduled] < timeS)
        {
            _nextScheduled++;
        }
    }

    private double DrawRandomDump(double fromS)
    {
        if (_options.RandomDumpsPerHour <= 0)
        {
            return double.PositiveInfinity;
        }

#pragma warning disable CA5394 // simulation randomness, not security
        double u = _random.NextDouble();
#pragma warning restore CA5394
        return fromS + (-Math.Log(1 - u) / _options.RandomDumpsPerHour * 3600);
    }
}
