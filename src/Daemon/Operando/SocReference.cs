namespace OperandoRig.Daemon.Operando;

/// <summary>
/// How a cell's state of charge is computed from the charge the channel counted: SOC = start + Q / capacity, where Q is
/// the signed charge passed since the run started (the sample's <c>ChargeAh</c>, positive on charge) and the capacity is
/// the one the plan states (usually the cell's nominal capacity). Coulomb counting only: side reactions, fade and
/// relaxation do not move it, which is what makes "SOC 40 %" mean the same thing on every cell and every cycle.
/// </summary>
/// <param name="CapacityAh">The capacity 100 % refers to, Ah (above 0).</param>
/// <param name="StartSoc">The state of charge at the start of the run, as a fraction (0..1).</param>
public sealed record SocReference(double CapacityAh, double StartSoc)
{
    /// <summary>The state of charge (fraction) after <paramref name="chargeAh"/> has passed since the run started.</summary>
    public double SocAt(double chargeAh) => StartSoc + (chargeAh / CapacityAh);

    /// <summary>Currents smaller than this (A) count as no current: C/1000 of the stated capacity.</summary>
    public double ZeroCurrentA => CapacityAh / 1000.0;
}
