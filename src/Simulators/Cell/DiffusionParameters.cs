namespace OperandoRig.Simulators.Cell;

/// <summary>
/// Solid-state diffusion in the active particles, reduced to the surface-minus-average SOC δ of each population:
/// dδ/dt = I/Q − δ/τ. τ is the open-circuit relaxation time constant; the EIS shows the same process as a
/// finite-length Warburg with R_W = (dU/dθ)·τ/Q and time constant 3τ (equal first moment).
/// </summary>
public sealed record DiffusionParameters
{
    /// <summary>Relaxation time constant τ at mid SOC and the reference temperature, in seconds.</summary>
    public double RelaxationTimeConstantS { get; init; } = 600;

    /// <summary>
    /// Kinetic hindrance near full lithiation (SOC → 0): τ is multiplied by 1 + A·exp(−θ/w); this is A.
    /// Layered oxides cannot be relithiated completely at finite rate, which leaves first-cycle capacity behind.
    /// </summary>
    public double LowSocHindranceFactor { get; init; }

    /// <summary>Width w (in SOC) of the hindrance near SOC 0.</summary>
    public double LowSocHindranceWidth { get; init; } = 0.05;

    /// <summary>Hindrance near full delithiation (SOC → 1): τ is multiplied by 1 + A·exp(−(1−θ)/w); this is A.</summary>
    public double HighSocHindranceFactor { get; init; }

    /// <summary>Width w (in SOC) of the hindrance near SOC 1.</summary>
    public double HighSocHindranceWidth { get; init; } = 0.05;

    /// <summary>Activation energy of solid-state diffusion, in J/mol.</summary>
    public double ActivationEnergyJPerMol { get; init; } = 45_000;

    /// <summary>Checks every value.</summary>
    public void Validate()
    {
        Check.Range("Diffusion." + nameof(RelaxationTimeConstantS), RelaxationTimeConstantS, 1e-3, 1e7);
        Check.Range("Diffusion." + nameof(LowSocHindranceFactor), LowSocHindranceFactor, 0, 1e6);
        Check.Range("Diffusion." + nameof(LowSocHindranceWidth), LowSocHindranceWidth, 1e-4, 1);
        Check.Range("Diffusion." + nameof(HighSocHindranceFactor), HighSocHindranceFactor, 0, 1e6);
        Check.Range("Diffusion." + nameof(HighSocHindranceWidth), HighSocHindranceWidth, 1e-4, 1);
        Check.Range("Diffusion." + nameof(ActivationEnergyJPerMol), ActivationEnergyJPerMol, 0, 200_000);
    }
}
