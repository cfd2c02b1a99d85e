namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// The daemon's own dose accounting, from flux × time: an exposure of t seconds at energy E books
/// D = Φ · max(1, I_ring / I_nominal) · t · E · f_abs / (ρ · A · d) on its spot, with Φ the flux on the sample at the
/// nominal ring current (the throughput peak: an upper bound at every energy), A the beam footprint, d the sample
/// thickness, ρ its density and f_abs the absorbed fraction (1: every photon absorbed, the conservative bound).
/// Because every factor is an upper bound, the booked dose is never below what the spot received, so a budget the
/// daemon keeps is a budget the sample keeps.
/// </summary>
/// <param name="FluxPhotonsPerS">Φ, photons/s on the sample at the nominal ring current (take the peak over energy).</param>
/// <param name="NominalRingCurrentMa">The ring current Φ refers to, mA.</param>
/// <param name="FootprintWidthUm">Beam footprint width, µm.</param>
/// <param name="FootprintHeightUm">Beam footprint height, µm.</param>
/// <param name="ThicknessUm">Sample thickness along the beam, µm.</param>
/// <param name="DensityGPerCm3">Sample density, g/cm³.</param>
/// <param name="AbsorbedFraction">Fraction of the photons absorbed, 0..1 (1 is the safe bound).</param>
public sealed record DoseModel(
    double FluxPhotonsPerS,
    double NominalRingCurrentMa,
    double FootprintWidthUm,
    double FootprintHeightUm,
    double ThicknessUm,
    double DensityGPerCm3,
    double AbsorbedFraction = 1)
{
    private const double JoulePerEv = 1.602176634e-19;

    /// <summary>Dose of one exposure, Gy.</summary>
    /// <param name="energyEv">Photon energy, eV.</param>
    /// <param name="countTimeS">Exposure time, s.</param>
    /// <param name="ringCurrentMa">Ring current, mA (NaN when unknown: the nominal current is assumed).</param>
    public double ExposureGy(double energyEv, double countTimeS, double ringCurrentMa)
    {
        double ring = double.IsFinite(ringCurrentMa) ? Math.Max(1, ringCurrentMa / NominalRingCurrentMa) : 1;
        double massKg = DensityGPerCm3 * 1e3 * (FootprintWidthUm * FootprintHeightUm * 1e-12) * (ThicknessUm * 1e-6);
        return FluxPhotonsPerS * ring * countTimeS * energyEv * JoulePerEv * AbsorbedFraction / massKg;
    }

    /// <summary>The smallest distance two spots may be apart without their footprints overlapping, mm.</summary>
    public double MinSeparationMm => Math.Max(FootprintWidthUm, FootprintHeightUm) * 1e-3;
}
