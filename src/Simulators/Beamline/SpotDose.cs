namespace OperandoRig.Simulators.Beamline;

/// <summary>Radiation a spot has received while the detector counted on it.</summary>
/// <param name="DoseGy">Absorbed dose, Gy (J/kg): absorbed photon energy over the mass of the illuminated volume.</param>
/// <param name="FluencePhotonsPerUm2">Incident photons per µm² of the footprint.</param>
/// <param name="ExposureS">Total count time of the counts that put photons on the spot, s.</param>
public readonly record struct SpotDose(double DoseGy, double FluencePhotonsPerUm2, double ExposureS)
{
    /// <summary>The sum of two doses.</summary>
    public SpotDose Add(SpotDose other) => new(DoseGy + other.DoseGy, FluencePhotonsPerUm2 + other.FluencePhotonsPerUm2, ExposureS + other.ExposureS);
}
