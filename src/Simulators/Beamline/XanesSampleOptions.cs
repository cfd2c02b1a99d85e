namespace OperandoRig.Simulators.Beamline;

/// <summary>The absorbing sample in the beam; defaults resemble a thin NMC composite cathode at the Ni K edge.</summary>
public sealed record XanesSampleOptions
{
    /// <summary>The edge being measured. <value>Ni K</value></summary>
    public AbsorptionEdge Edge { get; init; } = EdgeTable.NiK;

    /// <summary>Δμt, the edge jump of the measured element (optimal for transmission ≈ 1). <value>1.0</value></summary>
    public double EdgeStepMuT { get; init; } = 1.0;

    /// <summary>μt of everything else (matrix, electrolyte, window, other edges) at the edge energy; scales as (E₀/E)³.
    /// <value>0.5</value></summary>
    public double BackgroundMuT { get; init; } = 0.5;

    /// <summary>Sample thickness along the beam, µm (for the absorbed dose). <value>30 µm</value></summary>
    public double ThicknessUm { get; init; } = 30;

    /// <summary>Sample density, g/cm³ (for the absorbed dose). <value>3.0 g/cm³ (porous composite cathode)</value></summary>
    public double DensityGPerCm3 { get; init; } = 3.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Edge, nameof(Edge));
        OptionsCheck.Positive(EdgeStepMuT, $"sample.{nameof(EdgeStepMuT)}", string.Empty);
        OptionsCheck.NonNegative(BackgroundMuT, $"sample.{nameof(BackgroundMuT)}", string.Empty);
        OptionsCheck.Positive(ThicknessUm, $"sample.{nameof(ThicknessUm)}", "µm");
        OptionsCheck.Positive(DensityGPerCm3, $"sample.{nameof(DensityGPerCm3)}", "g/cm³");
    }
}
