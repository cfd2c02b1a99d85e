namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// The near-edge model of one absorption edge, normalised to a unit edge step:
/// n(E; s) = Σ steps(x) · (1 + χ(k)) + Σ peaks(x; s), with x = E − (E₀ + ΔE·s) for state of charge s,
/// and a post-edge fine-structure oscillation χ(k) = A·w(k)·sin(2kR(s) + φ)·exp(−2σ²k²)/k,
/// k = √(x / 3.81 eV·Å²), w(k) = k⁴/(k⁴ + 2⁴) switching it on smoothly above k ≈ 2 Å⁻¹ (x ≈ 15 eV).
/// </summary>
/// <param name="Element">Element symbol, e.g. <c>Ni</c>.</param>
/// <param name="Edge">Edge name, e.g. <c>K</c> or <c>L3</c>.</param>
/// <param name="EnergyEv">E₀ at state of charge 0, eV, as tabulated: for K edges the maximum of dμ/dE of the main
/// step; for O K the pre-edge peak; for doublets the lower (L₃) line.</param>
/// <param name="ShiftAtFullChargeEv">ΔE, the edge shift from state of charge 0 to 1, eV (linear, so monotonic). State of charge
/// here is the redox state the edge reports: 0 lithiated, 1 the end of the practical window (for layered oxides the
/// state at 4.2 V vs Li⁺/Li; see <c>CellSampleState</c>).</param>
/// <param name="Steps">The absorption steps.</param>
/// <param name="Peaks">Near-edge peaks.</param>
/// <param name="FluorescenceYield">Probability that a core hole decays by emitting a photon (approximate tabulated value).</param>
/// <param name="FineStructureAmplitude">A, the amplitude of χ(k).</param>
/// <param name="FineStructureDistanceAtSoc0Angstrom">R at state of charge 0, Å (first shell).</param>
/// <param name="FineStructureDistanceAtSoc1Angstrom">R at state of charge 1, Å.</param>
public sealed record AbsorptionEdge(
    string Element,
    string Edge,
    double EnergyEv,
    double ShiftAtFullChargeEv,
    IReadOnlyList<EdgeStep> Steps,
    IReadOnlyList<SpectralPeak> Peaks,
    double FluorescenceYield,
    double FineStructureAmplitude = 0,
    double FineStructureDistanceAtSoc0Angstrom = 2.0,
    double FineStructureDistanceAtSoc1Angstrom = 2.0)
{
    /// <summary>ħ²/2mₑ, eV·Å²: E − E₀ = 3.81·k².</summary>
    public const double EvPerInverseAngstromSquared = 3.81;

    private const double DebyeWallerAngstrom2 = 0.006;
    private const double PhaseRad = -1.0;

    /// <summary>A name such as <c>Ni K</c>.</summary>
    public string Label => $"{Element} {Edge}";

    /// <summary>The edge energy at state of charge <paramref name="soc"/>, eV.</summary>
    public double EdgeEnergyEvAt(double soc) => EnergyEv + (ShiftAtFullChargeEv * soc);

    /// <summary>n(E; s): absorption of this edge's element in edge steps (0 well below, ≈ 1 well above the edge).</summary>
    public double NormalizedAbsorption(double energyEv, double soc)
    {
        soc = Math.Clamp(soc, 0, 1);
        double x = energyEv - EdgeEnergyEvAt(soc);
        double steps = 0;
        foreach (var step in Steps)
        {
            steps += step.ValueAt(x);
        }

        double peaks = 0;
        foreach (var peak in Peaks)
        {
            peaks += peak.ValueAt(x, soc);
        }

        return (steps * (1 + FineStructure(x, soc))) + peaks;
    }

    private double FineStructure(double x, double soc)
    {
        if (FineStructureAmplitude == 0 || x <= 0)
        {
            return 0;
        }

        double k = Math.Sqrt(x / EvPerInverseAngstromSquared);
        double k4 = k * k * k * k;
        double onset = k4 / (k4 + 16);
        double r = FineStructureDistanceAtSoc0Angstrom + ((FineStructureDistanceAtSoc1Angstrom - FineStructureDistanceAtSoc0Angstrom) * soc);
        return FineStructureAmplitude * onset * Math.Sin((2 * k * r) + PhaseRad) * Math.Exp(-2 * DebyeWallerAngstrom2 * k * k) / k;
    }
}
