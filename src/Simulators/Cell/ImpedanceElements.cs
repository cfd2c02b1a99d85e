namespace OperandoRig.Simulators.Cell;

/// <summary>
/// The equivalent-circuit element values at the model's present state and temperature, the same values the DC
/// dynamics use. CPE coefficients are in F·s^(n−1).
/// </summary>
public readonly record struct ImpedanceElements
{
    /// <summary>Bulk electrolyte resistance, in ohms.</summary>
    public double BulkResistanceOhm { get; init; }

    /// <summary>Grain-boundary resistance, in ohms.</summary>
    public double GrainBoundaryResistanceOhm { get; init; }

    /// <summary>Grain-boundary CPE coefficient.</summary>
    public double GrainBoundaryCpeCoefficient { get; init; }

    /// <summary>Grain-boundary CPE exponent.</summary>
    public double GrainBoundaryCpeExponent { get; init; }

    /// <summary>Interphase resistance, in ohms.</summary>
    public double InterphaseResistanceOhm { get; init; }

    /// <summary>Interphase CPE coefficient.</summary>
    public double InterphaseCpeCoefficient { get; init; }

    /// <summary>Interphase CPE exponent.</summary>
    public double InterphaseCpeExponent { get; init; }

    /// <summary>Linearised (small-signal) charge-transfer resistance RT/(F·I₀), in ohms.</summary>
    public double ChargeTransferResistanceOhm { get; init; }

    /// <summary>Double-layer CPE coefficient.</summary>
    public double DoubleLayerCpeCoefficient { get; init; }

    /// <summary>Double-layer CPE exponent.</summary>
    public double DoubleLayerCpeExponent { get; init; }

    /// <summary>DC limit of the diffusion (Warburg) element of the well-connected particles, in ohms.</summary>
    public double WarburgResistanceOhm { get; init; }

    /// <summary>Warburg coefficient σ (slope of Z' vs ω^−½ at high frequency), in Ω·s^−½.</summary>
    public double WarburgCoefficientOhmSqrtS { get; init; }

    /// <summary>Warburg (finite-length diffusion) time constant, in seconds.</summary>
    public double WarburgTimeConstantS { get; init; }
}
