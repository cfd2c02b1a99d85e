namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// The absorption edges the operando experiments use, with how each changes with state of charge. Energies, shifts
/// and trends follow the beamline domain notes (Ni K 8333 eV shifting ≈ +3 eV on charge; Co K smaller; Mn K nearly
/// constant; S K PS₄³⁻ fingerprint fading and bridging S growing; S L₂,₃ 161.5/162.8 eV doublet shifting +0.5 eV;
/// Ni L₃ 850/852 eV ratio 1.0 → 6.8; O K 528 eV pre-edge growing, no shift). Peak shapes, widths and fine-structure
/// parameters are typical values chosen to look like published spectra; fluorescence yields are approximate
/// tabulated values.
/// </summary>
public static class EdgeTable
{
    /// <summary>Ni K, 8333 eV, +3 eV at full charge (Ni²⁺/³⁺ → Ni⁴⁺); white line weakens, Ni–O shortens.</summary>
    public static AbsorptionEdge NiK { get; } = new(
        "Ni", "K", 8333, 3.0,
        [new(0, 1, 3.0)],
        [new(-9, 1.5, 0.04, 0.06), new(9, 6, 0.55, 0.35)],
        FluorescenceYield: 0.414,
        FineStructureAmplitude: 0.25, FineStructureDistanceAtSoc0Angstrom: 2.05, FineStructureDistanceAtSoc1Angstrom: 1.90);

    /// <summary>Co K, 7709 eV, +1 eV at full charge (smaller than Ni).</summary>
    public static AbsorptionEdge CoK { get; } = new(
        "Co", "K", 7709, 1.0,
        [new(0, 1, 3.0)],
        [new(-8, 1.5, 0.03, 0.04), new(10, 6, 0.5, 0.4)],
        FluorescenceYield: 0.381,
        FineStructureAmplitude: 0.2, FineStructureDistanceAtSoc0Angstrom: 1.93, FineStructureDistanceAtSoc1Angstrom: 1.90);

    /// <summary>Mn K, 6539 eV, no shift (Mn⁴⁺ throughout in NMC).</summary>
    public static AbsorptionEdge MnK { get; } = new(
        "Mn", "K", 6539, 0.0,
        [new(0, 1, 3.0)],
        [new(-8, 1.5, 0.05, 0.05), new(12, 6, 0.5, 0.5)],
        FluorescenceYield: 0.314,
        FineStructureAmplitude: 0.2, FineStructureDistanceAtSoc0Angstrom: 1.90, FineStructureDistanceAtSoc1Angstrom: 1.90);

    /// <summary>S K, 2472 eV: the PS₄³⁻ white line fades on charge and bridging S (P–Sₓ–P) grows; no edge shift.
    /// Growth with cycling is not modelled (the state source gives state of charge only).</summary>
    public static AbsorptionEdge SK { get; } = new(
        "S", "K", 2472, 0.0,
        [new(0, 1, 1.5)],
        [new(1.0, 1.8, 1.5, 0.4), new(-1.0, 1.5, 0.2, 0.7), new(10, 3, 0.05, 0.2)],
        FluorescenceYield: 0.078);

    /// <summary>S L₂,₃, 161.5/162.8 eV doublet shifting +0.5 eV (S²⁻ → S⁰, used as a proxy for interphase oxidation);
    /// SOₓ near 172 eV grows.</summary>
    public static AbsorptionEdge SL23 { get; } = new(
        "S", "L2,3", 161.5, 0.5,
        [new(0, 2.0 / 3, 0.6), new(1.3, 1.0 / 3, 0.6)],
        [new(0, 0.6, 0.8, 0.8), new(1.3, 0.6, 0.4, 0.4), new(10.5, 2, 0.05, 0.3)],
        FluorescenceYield: 0.001);

    /// <summary>Ni L₃, 850/852 eV (that beamline's calibration): the 852/850 eV peak ratio rises 1.0 → 6.8 with Ni valence;
    /// L₂ near 867 eV.</summary>
    public static AbsorptionEdge NiL3 { get; } = new(
        "Ni", "L3", 850, 0.0,
        [new(0, 2.0 / 3, 1.0), new(17.3, 1.0 / 3, 1.5)],
        [new(0, 0.8, 1.0, 1.0), new(2.0, 1.0, 1.0, 6.8), new(17.3, 1.2, 0.4, 0.4), new(19.3, 1.2, 0.3, 1.5)],
        FluorescenceYield: 0.0093);

    /// <summary>O K, pre-edge at 528 eV whose area grows with transition-metal oxidation; no shift; main edge ≈ 535 eV.</summary>
    public static AbsorptionEdge OK { get; } = new(
        "O", "K", 528, 0.0,
        [new(7, 1, 2.0)],
        [new(0, 1.2, 0.2, 0.6), new(10, 6, 0.5, 0.5)],
        FluorescenceYield: 0.0083);

    /// <summary>Every edge in the table.</summary>
    public static IReadOnlyList<AbsorptionEdge> All { get; } = [NiK, CoK, MnK, SK, SL23, NiL3, OK];

    /// <summary>The edge of <paramref name="element"/> called <paramref name="edge"/> (case-insensitive), e.g. ("Ni", "K").</summary>
    /// <exception cref="ArgumentException">Not in the table; the message lists what is.</exception>
    public static AbsorptionEdge Find(string element, string edge) =>
        All.FirstOrDefault(e => string.Equals(e.Element, element, StringComparison.OrdinalIgnoreCase) && string.Equals(e.Edge, edge, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no edge '{element} {edge}' in the table; known: {string.Join(", ", All.Select(e => e.Label))}", nameof(edge));
}
