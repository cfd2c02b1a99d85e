namespace OperandoRig.Daemon.Operando;

/// <summary>
/// How a cell's state of charge is computed from the charge the channel counted: SOC = start + (Q − Q₀) / capacity,
/// where Q is the signed charge passed since the run started (the sample's <c>ChargeAh</c>, positive on charge), Q₀ the
/// charge at the first sample of cycle <see cref="FromCycle"/> (0 for cycle 1: the run's start), and the capacity the
/// one the plan states. Coulomb counting only: side reactions, fade and relaxation do not move it, which is what makes
/// "SOC 40 %" mean the same charge on every cell. Starting at a later cycle leaves formation cycles out.
/// </summary>
/// <param name="CapacityAh">The capacity 100 % refers to, Ah (above 0).</param>
/// <param name="StartSoc">The state of charge at the first sample of <paramref name="FromCycle"/>, as a fraction.</param>
/// <param name="FromCycle">The cycle SOC is counted from (1: the run's start); before it the SOC is unknown (NaN).</param>
public sealed record SocReference(double CapacityAh, double StartSoc, int FromCycle = 1)
{
    /// <summary>Currents smaller than this (A) count as no current: C/1000 of the stated capacity.</summary>
    public double ZeroCurrentA => CapacityAh / 1000.0;
}

/// <summary>
/// A <see cref="SocReference"/> applied to one run: finds Q₀ where the reference's cycle begins and turns charges into
/// states of charge. Q₀ is taken from the sample before the cycle's first one: a channel records each step's end point
/// at the instant the next step starts, so that sample's charge is the charge at the cycle's start (the first sample of
/// the new cycle comes one period later, with charge already passed). Samples are seen in order, from one thread.
/// </summary>
public sealed class SocCounter(SocReference reference)
{
    private double _originAh = reference.FromCycle <= 1 ? 0 : double.NaN;
    private double? _previousChargeAh;

    /// <summary>The reference.</summary>
    public SocReference Reference => reference;

    /// <summary>Sees a sample in order; the first one of the reference cycle (or a later one) fixes Q₀.</summary>
    public void Observe(Data.SampleRecord sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (double.IsNaN(Volatile.Read(ref _originAh)) && sample.Cycle >= reference.FromCycle)
        {
            Volatile.Write(ref _originAh, _previousChargeAh ?? sample.ChargeAh);
        }

        _previousChargeAh = sample.ChargeAh;
    }

    /// <summary>The state of charge (fraction) at <paramref name="chargeAh"/>; NaN before the reference cycle began.</summary>
    public double SocAt(double chargeAh) => reference.StartSoc + ((chargeAh - Volatile.Read(ref _originAh)) / reference.CapacityAh);
}
