namespace OperandoRig.Simulators.Beamline;

/// <summary>What the storage ring is doing during a <see cref="RingSegment"/>.</summary>
internal enum RingPhase
{
    /// <summary>Beam stored and delivered, decaying with the lifetime: I(t) = I₀·exp(−t/τ).</summary>
    Stored,

    /// <summary>Beam dumped: no current, no beam, until the refill starts.</summary>
    Down,

    /// <summary>Refilling after a dump: current ramps linearly to nominal; beam not yet delivered.</summary>
    Refilling,
}

/// <summary>A stretch of ring history, times in seconds since the ring started.</summary>
internal readonly record struct RingSegment(double StartS, double EndS, RingPhase Phase, double StartCurrentMa, double LifetimeS, double NominalMa)
{
    /// <summary>Ring current at <paramref name="timeS"/> inside the segment, mA.</summary>
    public double CurrentMaAt(double timeS) => Phase switch
    {
        RingPhase.Stored => StartCurrentMa * Math.Exp(-(timeS - StartS) / LifetimeS),
        RingPhase.Refilling => NominalMa * (timeS - StartS) / (EndS - StartS),
        _ => 0,
    };

    /// <summary>∫ I dt over [a, b] ∩ the segment while beam is delivered, mA·s (zero unless <see cref="RingPhase.Stored"/>).</summary>
    public double DeliveredChargeMaS(double aS, double bS)
    {
        double from = Math.Max(aS, StartS);
        double to = Math.Min(bS, EndS);
        if (Phase != RingPhase.Stored || !(to > from))
        {
            return 0;
        }

        return double.IsPositiveInfinity(LifetimeS)
            ? StartCurrentMa * (to - from)
            : StartCurrentMa * LifetimeS * (Math.Exp(-(from - StartS) / LifetimeS) - Math.Exp(-(to - StartS) / LifetimeS));
    }
}
