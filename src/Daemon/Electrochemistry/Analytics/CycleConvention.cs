namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>
/// Which half-cycle comes first in each cycle of the cell; it fixes what "coulombic efficiency" means.
/// Coulombic efficiency is always the capacity of the half-cycle that brings the cell back to where the cycle
/// started, divided by the capacity of the half-cycle that took it away.
/// </summary>
public enum CycleConvention
{
    /// <summary>
    /// Cells assembled discharged (layered-oxide cathodes such as NMC vs Li): a cycle is charge then discharge,
    /// coulombic efficiency = discharge capacity / charge capacity.
    /// </summary>
    ChargeFirst,

    /// <summary>
    /// Cells assembled charged (e.g. the PTO organic cathode, whose first step is a discharge): a cycle is
    /// discharge then charge, coulombic efficiency = charge capacity / discharge capacity.
    /// </summary>
    DischargeFirst,
}
