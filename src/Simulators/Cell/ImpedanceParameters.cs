namespace OperandoRig.Simulators.Cell;

/// <summary>
/// The equivalent-circuit elements R_bulk + (R_gb ‖ CPE_gb) + (R_int ‖ CPE_int) + (R_ct ‖ CPE_dl), given at the
/// reference temperature. The same elements set the DC dynamics (each RC relaxes with R·C_eff, Brug's effective
/// capacitance of the CPE). CPE coefficients Q are in F·s^(n−1) (farads when the exponent n is 1).
/// </summary>
public sealed record ImpedanceParameters
{
    /// <summary>Bulk (intragrain) ionic resistance of the solid electrolyte, in ohms.</summary>
    public double BulkResistanceOhm { get; init; }

    /// <summary>Activation energy of the bulk conduction, in J/mol.</summary>
    public double BulkActivationEnergyJPerMol { get; init; } = 30_000;

    /// <summary>Grain-boundary resistance of the solid electrolyte, in ohms.</summary>
    public double GrainBoundaryResistanceOhm { get; init; }

    /// <summary>Grain-boundary CPE coefficient Q, in F·s^(n−1).</summary>
    public double GrainBoundaryCpeCoefficient { get; init; } = 1e-9;

    /// <summary>Grain-boundary CPE exponent n (1 = ideal capacitor).</summary>
    public double GrainBoundaryCpeExponent { get; init; } = 0.95;

    /// <summary>Activation energy of grain-boundary conduction, in J/mol.</summary>
    public double GrainBoundaryActivationEnergyJPerMol { get; init; } = 35_000;

    /// <summary>Interphase (cathode–electrolyte interphase, CEI) resistance of the fresh cell, in ohms.</summary>
    public double InterphaseResistanceOhm { get; init; }

    /// <summary>Resistance added per nanometre of interphase grown (R_int = R_int,0 + ρ·(L − L₀)), in ohms per nanometre.</summary>
    public double InterphaseResistanceOhmPerNm { get; init; }

    /// <summary>Interphase CPE coefficient Q, in F·s^(n−1).</summary>
    public double InterphaseCpeCoefficient { get; init; } = 1e-6;

    /// <summary>Interphase CPE exponent n.</summary>
    public double InterphaseCpeExponent { get; init; } = 0.9;

    /// <summary>Activation energy of transport through the interphase, in J/mol.</summary>
    public double InterphaseActivationEnergyJPerMol { get; init; } = 40_000;

    /// <summary>
    /// Exchange current of the charge-transfer reaction at SOC 0.5, in amperes (whole electrode). It scales with
    /// √(4·θ·(1−θ)) of the surface SOC θ, floored at <see cref="ExchangeCurrentSocFloor"/>.
    /// </summary>
    public double ExchangeCurrentA { get; init; }

    /// <summary>Lowest fraction of <see cref="ExchangeCurrentA"/> at the ends of the SOC range (0..1).</summary>
    public double ExchangeCurrentSocFloor { get; init; } = 0.1;

    /// <summary>Activation energy of the charge-transfer reaction, in J/mol.</summary>
    public double ChargeTransferActivationEnergyJPerMol { get; init; } = 50_000;

    /// <summary>Double-layer CPE coefficient Q, in F·s^(n−1).</summary>
    public double DoubleLayerCpeCoefficient { get; init; } = 1e-5;

    /// <summary>Double-layer CPE exponent n.</summary>
    public double DoubleLayerCpeExponent { get; init; } = 0.85;

    /// <summary>Checks every element.</summary>
    public void Validate()
    {
        Check.NonNegative("Impedance." + nameof(BulkResistanceOhm), BulkResistanceOhm);
        Check.NonNegative("Impedance." + nameof(GrainBoundaryResistanceOhm), GrainBoundaryResistanceOhm);
        Check.NonNegative("Impedance." + nameof(InterphaseResistanceOhm), InterphaseResistanceOhm);
        Check.NonNegative("Impedance." + nameof(InterphaseResistanceOhmPerNm), InterphaseResistanceOhmPerNm);
        Check.Positive("Impedance." + nameof(ExchangeCurrentA), ExchangeCurrentA);
        Check.Range("Impedance." + nameof(ExchangeCurrentSocFloor), ExchangeCurrentSocFloor, 1e-4, 1);
        Check.Positive("Impedance." + nameof(GrainBoundaryCpeCoefficient), GrainBoundaryCpeCoefficient);
        Check.Positive("Impedance." + nameof(InterphaseCpeCoefficient), InterphaseCpeCoefficient);
        Check.Positive("Impedance." + nameof(DoubleLayerCpeCoefficient), DoubleLayerCpeCoefficient);
        Check.Range("Impedance." + nameof(GrainBoundaryCpeExponent), GrainBoundaryCpeExponent, 0.5, 1);
        Check.Range("Impedance." + nameof(InterphaseCpeExponent), InterphaseCpeExponent, 0.5, 1);
        Check.Range("Impedance." + nameof(DoubleLayerCpeExponent), DoubleLayerCpeExponent, 0.5, 1);
        Check.Range("Impedance." + nameof(BulkActivationEnergyJPerMol), BulkActivationEnergyJPerMol, 0, 200_000);
        Check.Range("Impedance." + nameof(GrainBoundaryActivationEnergyJPerMol), GrainBoundaryActivationEnergyJPerMol, 0, 200_000);
        Check.Range("Impedance." + nameof(InterphaseActivationEnergyJPerMol), InterphaseActivationEnergyJPerMol, 0, 200_000);
        Check.Range("Impedance." + nameof(ChargeTransferActivationEnergyJPerMol), ChargeTransferActivationEnergyJPerMol, 0, 200_000);
    }
}
