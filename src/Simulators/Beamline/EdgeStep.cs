namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// One arctangent absorption step, ½ + arctan(2x/Γ)/π, whose first derivative peaks exactly at its position;
/// spin-orbit doublets (L₃/L₂) are two steps.
/// </summary>
/// <param name="OffsetEv">Position relative to the edge energy, eV.</param>
/// <param name="Height">Height as a fraction of the total edge step.</param>
/// <param name="WidthEv">Γ, the full width of the step (core-hole plus instrumental broadening), eV.</param>
public sealed record EdgeStep(double OffsetEv, double Height, double WidthEv)
{
    /// <summary>The step at <paramref name="relativeEv"/> from the shifted edge.</summary>
    public double ValueAt(double relativeEv) => Height * (0.5 + (Math.Atan(2 * (relativeEv - OffsetEv) / WidthEv) / Math.PI));
}
