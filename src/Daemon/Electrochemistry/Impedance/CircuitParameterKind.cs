namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>What a circuit parameter is; sets its unit, its bounds and how the fitter transforms it.</summary>
public enum CircuitParameterKind
{
    /// <summary>A resistance, in Ω.</summary>
    ResistanceOhm,

    /// <summary>A capacitance, in F.</summary>
    CapacitanceF,

    /// <summary>An inductance, in H.</summary>
    InductanceH,

    /// <summary>A constant-phase-element coefficient Q, in F·s^(α−1) (farads when α = 1).</summary>
    CpeCoefficient,

    /// <summary>A constant-phase-element exponent α, dimensionless, in (0, 1].</summary>
    CpeExponent,

    /// <summary>A semi-infinite Warburg coefficient σ, in Ω·s^−½.</summary>
    WarburgCoefficientOhmPerSqrtS,

    /// <summary>A diffusion time constant (finite-length Warburg τ = L²/D), in s.</summary>
    TimeConstantS,
}
