namespace OperandoRig.Simulators.Cell;

/// <summary>
/// Dendrite growth through a Li-metal | solid-electrolyte interface. Above the critical current density the
/// excess charge density (|j| − j_c)·t advances a dendrite; when it has passed
/// <see cref="DendriteChargeDensityToShortCPerM2"/> the electrolyte is bridged and a short of
/// <see cref="ShortResistanceOhm"/> appears across the terminals (the voltage collapses towards 0 V).
/// </summary>
public sealed record ShortCircuitParameters
{
    /// <summary>Critical current density j_c at the reference temperature, in A/m² (10 A/m² = 1 mA/cm²).</summary>
    public double CriticalCurrentDensityAPerM2 { get; init; }

    /// <summary>Excess areal charge above j_c that grows a dendrite through the electrolyte, in C/m².</summary>
    public double DendriteChargeDensityToShortCPerM2 { get; init; }

    /// <summary>Resistance of the short once it forms, in ohms.</summary>
    public double ShortResistanceOhm { get; init; } = 0.5;

    /// <summary>Checks every value.</summary>
    public void Validate()
    {
        Check.Positive("ShortCircuit." + nameof(CriticalCurrentDensityAPerM2), CriticalCurrentDensityAPerM2);
        Check.Positive("ShortCircuit." + nameof(DendriteChargeDensityToShortCPerM2), DendriteChargeDensityToShortCPerM2);
        Check.Positive("ShortCircuit." + nameof(ShortResistanceOhm), ShortResistanceOhm);
    }
}
