namespace OperandoRig.Simulators.Cell;

/// <summary>
/// The complete dynamic state of a <see cref="LumpedCellModel"/>: a value type, so trial steps (for potentiostatic
/// solves and shorted cells) are copies that never allocate.
/// </summary>
internal struct CellState
{
    // Particle populations: 0 = well connected, 1 = poorly connected, iso = isolated.
    public double Soc0;
    public double Soc1;
    public double SocIso;
    public double SurfaceExcess0;
    public double SurfaceExcess1;
    public double Fraction0;
    public double Fraction1;
    public double FractionIso;

    // RC element voltages (positive on charge).
    public double GrainBoundaryV;
    public double InterphaseV;
    public double ChargeTransferV;

    /// <summary>Hysteresis branch, −1 (discharge branch) .. +1 (charge branch).</summary>
    public double Hysteresis;

    public double InterphaseNm;
    public double FormationRemainingC;
    public double SideChargeC;
    public double DendriteProgress;
    public bool Shorted;

    public int Direction;
    public int Reversals;
    public double CurrentA;
    public double TerminalV;
}
