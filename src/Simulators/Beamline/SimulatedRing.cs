using OperandoRig.Drivers.Abstractions.Beamline;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// A simulated storage ring: the current decays as I₀·exp(−t/τ) and top-ups restore it every interval (a sawtooth);
/// scheduled and random (Poisson, seeded) dumps drop it to 0 mA with no beam, and after a delay a refill ramps it back.
/// The history is a pure function of the options and the clock, so every reader sees the same ring.
/// </summary>
public sealed class SimulatedRing : IBeamStatus
{
    private readonly Lock _gate = new();
    private readonly SimulatedRingOptions _options;
    private readonly TimeProvider _clock;
    private readonly RingTimeline _timeline;

    /// <summary>Creates the ring, full at the nominal current, starting now on <paramref name="clock"/>.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="clock">The clock the ring's history runs on.</param>
    public SimulatedRing(SimulatedRingOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
        StartedAt = clock.GetUtcNow();
        _timeline = new RingTimeline(options);
        Faults = new FaultInjector(options.Name, options.Faults, clock, hasAxis: false);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>When the ring's history starts (scheduled dump times count from here).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Current a top-up restores, mA.</summary>
    public double NominalCurrentMa => _options.NominalCurrentMa;

    /// <summary>The fault the status link shows; inject or clear at run time.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Ring current at <paramref name="time"/>, mA (physics, not affected by faults).</summary>
    public double RingCurrentMaAt(DateTimeOffset time)
    {
        double s = Seconds(time);
        lock (_gate)
        {
            return _timeline.At(s).CurrentMaAt(s);
        }
    }

    /// <summary>True when the facility delivers beam at <paramref name="time"/>.</summary>
    public bool BeamAvailableAt(DateTimeOffset time)
    {
        lock (_gate)
        {
            return _timeline.At(Seconds(time)).Phase == RingPhase.Stored;
        }
    }

    /// <summary>∫ I dt over [<paramref name="from"/>, <paramref name="to"/>] counting only delivered beam, mA·s.</summary>
    public double DeliveredChargeMaS(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return _timeline.DeliveredChargeMaS(Seconds(from), Seconds(to));
        }
    }

    /// <summary>The first dump after <paramref name="from"/> and at or before <paramref name="to"/>, or null.</summary>
    public DateTimeOffset? FirstDumpBetween(DateTimeOffset from, DateTimeOffset to)
    {
        double? s;
        lock (_gate)
        {
            s = _timeline.FirstDumpIn(Seconds(from), Seconds(to));
        }

        return s is { } v ? StartedAt.AddSeconds(v) : null;
    }

    /// <summary>Reads the ring current and whether beam is delivered, stamped now.</summary>
    public async Task<BeamReading> ReadAsync(CancellationToken cancellationToken)
    {
        await Faults.CheckRequestAsync("read beam status", cancellationToken);
        var now = _clock.GetUtcNow();
        return new BeamReading(now, Faults.CheckReading(RingCurrentMaAt(now), "ring current"), BeamAvailableAt(now));
    }

    private double Seconds(DateTimeOffset time) => (time - StartedAt).TotalSeconds;
}
