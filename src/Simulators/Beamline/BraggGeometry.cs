namespace OperandoRig.Simulators.Beamline;

/// <summary>Bragg's law for a crystal monochromator: E = h·c / (2·d·sin θ).</summary>
internal static class BraggGeometry
{
    /// <summary>h·c, eV·Å (CODATA 2018: 12398.419843 eV·Å).</summary>
    public const double HcEvAngstrom = 12398.419843320026;

    /// <summary>Bragg angle in degrees for <paramref name="energyEv"/> on planes of spacing <paramref name="dSpacingAngstrom"/>.</summary>
    public static double AngleDeg(double energyEv, double dSpacingAngstrom) =>
        Math.Asin(HcEvAngstrom / (2 * dSpacingAngstrom * energyEv)) * 180 / Math.PI;

    /// <summary>Photon energy in eV at Bragg angle <paramref name="angleDeg"/>.</summary>
    public static double EnergyEv(double angleDeg, double dSpacingAngstrom) =>
        HcEvAngstrom / (2 * dSpacingAngstrom * Math.Sin(angleDeg * Math.PI / 180));

    /// <summary>Lowest energy the crystal reflects (θ = 90°), eV.</summary>
    public static double MinimumEnergyEv(double dSpacingAngstrom) => HcEvAngstrom / (2 * dSpacingAngstrom);
}
