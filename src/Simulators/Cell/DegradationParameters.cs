namespace OperandoRig.Simulators.Cell;

/// <summary>
/// Side reactions and mechanical degradation. Two oxidative side reactions draw part of the applied current
/// (so coulombic efficiency &lt; 1 emerges, largest on the first charge) and thicken the interphase:
/// <list type="bullet">
/// <item>formation: a reservoir of oxidisable electrolyte at the particle and carbon contacts with a spread of
/// oxidation potentials: the charge consumed approaches Q_f·σ((E − E_f)/V_f) (σ the logistic function) at rate k_f,
/// so a higher cut-off consumes more of it on the first charge;</item>
/// <item>parabolic growth: electrolyte oxidation through the interphase, dL²/dt = 2·(k₀ + κ·|dθ/dt|)·exp((E − E_g)/V_g),
/// the side current being q_L·dL/dt. The κ term is chemo-mechanical: the volume change of the particles cracks
/// the interphase each cycle, exposing fresh electrolyte, so the growth per cycle is independent of the rate; with
/// the same exposure every cycle, L and R_int grow as √N.</item>
/// </list>
/// E is the potential of the active-material surface vs Li⁺/Li. Cracking moves well-connected material to the
/// poorly connected population and that to the isolated one, in proportion to the SOC swept (volume change),
/// strongly enhanced above a high-SOC onset (the H2→H3 collapse of Ni-rich layered oxides).
/// </summary>
public sealed record DegradationParameters
{
    /// <summary>Interphase thickness of the fresh cell, in nanometres.</summary>
    public double InterphaseInitialThicknessNm { get; init; } = 2;

    /// <summary>Side-reaction charge per nanometre of interphase grown, in coulombs per nanometre.</summary>
    public double InterphaseChargeCPerNm { get; init; } = 0.02;

    /// <summary>Formation reservoir (oxidisable electrolyte) per kilogram of active material, in Ah/kg (= mAh/g).</summary>
    public double FormationChargeAhPerKg { get; init; }

    /// <summary>Potential E_f by which half of the formation reservoir is oxidised, in volts vs Li⁺/Li.</summary>
    public double FormationOnsetPotentialV { get; init; } = 4.2;

    /// <summary>Spread V_f of the oxidation potentials of the formation reservoir, in volts.</summary>
    public double FormationPotentialScaleV { get; init; } = 0.1;

    /// <summary>Rate k_f at which the formation charge approaches its potential-dependent extent, per second.</summary>
    public double FormationRatePerS { get; init; } = 1e-3;

    /// <summary>Fraction of the formation products that deposit on the active particles as interphase (the rest at carbon).</summary>
    public double FormationInterphaseFraction { get; init; } = 1;

    /// <summary>Chemo-mechanical growth constant κ at the onset potential, in square nanometres per unit SOC swept.</summary>
    public double InterphaseGrowthNm2PerUnitSoc { get; init; }

    /// <summary>Parabolic growth constant k₀ at the onset potential E_g, in square nanometres per second.</summary>
    public double InterphaseGrowthNm2PerS { get; init; }

    /// <summary>Potential E_g at which parabolic growth runs at k₀, in volts vs Li⁺/Li.</summary>
    public double InterphaseGrowthOnsetPotentialV { get; init; } = 4.4;

    /// <summary>Potential scale V_g of parabolic growth, in volts.</summary>
    public double InterphaseGrowthPotentialScaleV { get; init; } = 0.06;

    /// <summary>Activation energy of both side reactions, in J/mol.</summary>
    public double SideReactionActivationEnergyJPerMol { get; init; } = 50_000;

    /// <summary>Fraction of well-connected material that becomes poorly connected per unit SOC swept (below the onset).</summary>
    public double CrackingPerUnitSoc { get; init; }

    /// <summary>Fraction of poorly connected material that becomes isolated per unit SOC swept by the well-connected one.</summary>
    public double IsolationPerUnitSoc { get; init; }

    /// <summary>SOC above which cracking is enhanced (H2→H3 collapse).</summary>
    public double CrackingHighSocOnset { get; init; } = 0.8;

    /// <summary>Enhancement factor of cracking above the onset.</summary>
    public double CrackingHighSocFactor { get; init; }

    /// <summary>Checks every value.</summary>
    public void Validate()
    {
        Check.Positive("Degradation." + nameof(InterphaseInitialThicknessNm), InterphaseInitialThicknessNm);
        Check.Positive("Degradation." + nameof(InterphaseChargeCPerNm), InterphaseChargeCPerNm);
        Check.Range("Degradation." + nameof(FormationChargeAhPerKg), FormationChargeAhPerKg, 0, 1000);
        Check.Range("Degradation." + nameof(FormationOnsetPotentialV), FormationOnsetPotentialV, 0, 6);
        Check.Range("Degradation." + nameof(FormationPotentialScaleV), FormationPotentialScaleV, 1e-3, 10);
        Check.Range("Degradation." + nameof(FormationRatePerS), FormationRatePerS, 0, 10);
        Check.Range("Degradation." + nameof(FormationInterphaseFraction), FormationInterphaseFraction, 0, 1);
        Check.Range("Degradation." + nameof(InterphaseGrowthNm2PerS), InterphaseGrowthNm2PerS, 0, 1e6);
        Check.Range("Degradation." + nameof(InterphaseGrowthNm2PerUnitSoc), InterphaseGrowthNm2PerUnitSoc, 0, 1e9);
        Check.Range("Degradation." + nameof(InterphaseGrowthOnsetPotentialV), InterphaseGrowthOnsetPotentialV, 0, 6);
        Check.Range("Degradation." + nameof(InterphaseGrowthPotentialScaleV), InterphaseGrowthPotentialScaleV, 1e-3, 10);
        Check.Range("Degradation." + nameof(SideReactionActivationEnergyJPerMol), SideReactionActivationEnergyJPerMol, 0, 200_000);
        Check.Range("Degradation." + nameof(CrackingPerUnitSoc), CrackingPerUnitSoc, 0, 10);
        Check.Range("Degradation." + nameof(IsolationPerUnitSoc), IsolationPerUnitSoc, 0, 10);
        Check.Range("Degradation." + nameof(CrackingHighSocOnset), CrackingHighSocOnset, 0, 1);
        Check.Range("Degradation." + nameof(CrackingHighSocFactor), CrackingHighSocFactor, 0, 1e4);
    }
}
