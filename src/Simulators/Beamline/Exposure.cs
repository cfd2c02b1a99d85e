namespace OperandoRig.Simulators.Beamline;

/// <summary>What reached the sample during one count.</summary>
/// <param name="IncidentPhotons">Photons incident on the sample (before the I₀ chamber takes its share), expected value.</param>
/// <param name="EnergyEv">Photon energy, eV.</param>
/// <param name="Absorption">The sample's absorption at that energy and spot.</param>
/// <param name="PositionMm">Stage position, axis name → mm (empty without a stage).</param>
public sealed record Exposure(double IncidentPhotons, double EnergyEv, SampleAbsorption Absorption, IReadOnlyDictionary<string, double> PositionMm);
