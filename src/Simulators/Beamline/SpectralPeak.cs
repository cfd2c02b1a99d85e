namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// A Gaussian feature of a near-edge spectrum (pre-edge, white line, fingerprint peak), in units of the edge step.
/// Its amplitude is linear in the state of charge between the two given values.
/// </summary>
/// <param name="OffsetEv">Position relative to the edge energy at SOC 0, eV (the peak also follows the edge shift).</param>
/// <param name="WidthEv">Full width at half maximum, eV.</param>
/// <param name="AmplitudeAtSoc0">Height at state of charge 0, in edge steps.</param>
/// <param name="AmplitudeAtSoc1">Height at state of charge 1, in edge steps.</param>
public sealed record SpectralPeak(double OffsetEv, double WidthEv, double AmplitudeAtSoc0, double AmplitudeAtSoc1)
{
    /// <summary>The peak's contribution at <paramref name="relativeEv"/> from the shifted edge, for <paramref name="soc"/>.</summary>
    public double ValueAt(double relativeEv, double soc)
    {
        double sigma = WidthEv / 2.354820045;
        double x = (relativeEv - OffsetEv) / sigma;
        return (AmplitudeAtSoc0 + ((AmplitudeAtSoc1 - AmplitudeAtSoc0) * soc)) * Math.Exp(-0.5 * x * x);
    }
}
