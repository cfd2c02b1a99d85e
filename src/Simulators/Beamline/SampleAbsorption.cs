namespace OperandoRig.Simulators.Beamline;

/// <summary>Absorption of the sample at one energy and spot.</summary>
/// <param name="TotalMuT">μt of the whole sample (what transmission measures as ln(I₀/I_t) up to a constant).</param>
/// <param name="EdgeMuT">μt of the measured element's edge alone (what fluorescence is proportional to).</param>
public readonly record struct SampleAbsorption(double TotalMuT, double EdgeMuT);
