using OperandoRig.Daemon.Electrochemistry.Analytics;

namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>
/// Charge and energy passed over some span (a step, a cycle, a run), split by the sign of the current: into the
/// cell (charge) and out of it (discharge). All four are magnitudes, integrated over the recorded samples with the
/// rules of <see cref="IntervalIntegrator"/> (trapezoid within a step, the new set point held across a step start).
/// </summary>
/// <param name="ChargeAh">∫I·dt where I &gt; 0, Ah.</param>
/// <param name="DischargeAh">|∫I·dt| where I &lt; 0, Ah.</param>
/// <param name="ChargeWh">∫V·I·dt where I &gt; 0, Wh.</param>
/// <param name="DischargeWh">|∫V·I·dt| where I &lt; 0, Wh.</param>
public readonly record struct ChargeTally(double ChargeAh, double DischargeAh, double ChargeWh, double DischargeWh)
{
    /// <summary>Charge minus discharge, Ah (signed: positive means the cell gained charge).</summary>
    public double NetChargeAh => ChargeAh - DischargeAh;

    /// <summary>Charge energy minus discharge energy, Wh.</summary>
    public double NetEnergyWh => ChargeWh - DischargeWh;

    internal ChargeTally Add(in IntervalIntegral i) =>
        new(ChargeAh + i.ChargeAh, DischargeAh + i.DischargeAh, ChargeWh + i.ChargeWh, DischargeWh + i.DischargeWh);
}
