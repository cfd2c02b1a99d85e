using System.Collections.Concurrent;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// Dose booked per <see cref="BeamSpot"/>: D = N_abs · E / (ρ · A · t), with N_abs = N_sample · (1 − e^(−μt)) the
/// photons absorbed in the sample, A the beam footprint and t the sample thickness.
/// </summary>
public sealed class DoseLedger
{
    private const double JoulePerEv = 1.602176634e-19;
    private readonly ConcurrentDictionary<BeamSpot, SpotDose> _doses = new();

    /// <summary>Dose per spot so far.</summary>
    public IReadOnlyDictionary<BeamSpot, SpotDose> PerSpot => _doses;

    /// <summary>The dose of the spot containing <paramref name="positionMm"/> (zero if never exposed).</summary>
    public SpotDose At(IReadOnlyDictionary<string, double> positionMm, double gridUm) =>
        _doses.GetValueOrDefault(BeamSpot.At(positionMm, gridUm));

    /// <summary>Books <paramref name="photonsOnSample"/> photons reaching the sample during a count.</summary>
    internal void Book(Exposure exposure, double photonsOnSample, double countTimeS, BeamPathOptions beam, XanesSampleOptions sample)
    {
        if (!(photonsOnSample > 0))
        {
            return;
        }

        double areaUm2 = beam.BeamWidthUm * beam.BeamHeightUm;
        double massKg = sample.DensityGPerCm3 * 1e3 * (areaUm2 * 1e-12) * (sample.ThicknessUm * 1e-6);
        double absorbed = photonsOnSample * (1 - Math.Exp(-exposure.Absorption.TotalMuT));
        var dose = new SpotDose(absorbed * exposure.EnergyEv * JoulePerEv / massKg, photonsOnSample / areaUm2, countTimeS);
        _doses.AddOrUpdate(BeamSpot.At(exposure.PositionMm, beam.BeamWidthUm), dose, (_, old) => old.Add(dose));
    }
}
