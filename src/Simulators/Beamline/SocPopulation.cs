namespace OperandoRig.Simulators.Beamline;

/// <summary>A particle population seen in the beam footprint: its share of the illuminated active material and its
/// state of charge.</summary>
/// <param name="Fraction">Share of the illuminated active material, 0..1 (fractions are normalised by their sum).</param>
/// <param name="StateOfCharge">State of charge of the population, 0 (discharged) .. 1 (charged).</param>
public readonly record struct SocPopulation(double Fraction, double StateOfCharge);
