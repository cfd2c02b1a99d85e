namespace OperandoRig.Simulators.Cell;

/// <summary>One particle population as seen by a local probe (e.g. a XANES spot sees a mixture of these).</summary>
/// <param name="Fraction">Fraction of all active material in this population, 0..1.</param>
/// <param name="StateOfCharge">Particle-average state of charge, 0..1.</param>
/// <param name="SurfaceStateOfCharge">State of charge at the particle surface (differs from the average under current), 0..1.</param>
public readonly record struct CellPopulationState(double Fraction, double StateOfCharge, double SurfaceStateOfCharge);
