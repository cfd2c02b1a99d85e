using System.Numerics;

namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// The result of fitting an <see cref="EquivalentCircuit"/> to a spectrum: values with standard errors, χ², residuals
/// and diagnostics. A bad fit is reported here, never thrown.
/// </summary>
public sealed record EquivalentCircuitFit
{
    /// <summary>The circuit that was fitted.</summary>
    public required EquivalentCircuit Circuit { get; init; }

    /// <summary>How the minimisation ended.</summary>
    public required FitStatus Status { get; init; }

    /// <summary>True when <see cref="Status"/> is <see cref="FitStatus.Converged"/>.</summary>
    public bool Converged => Status == FitStatus.Converged;

    /// <summary>Fitted parameters in the circuit's parameter order.</summary>
    public required IReadOnlyList<FittedParameter> Parameters { get; init; }

    /// <summary>χ² = Σ wᵢ²·((ΔZ'ᵢ)² + (ΔZ''ᵢ)²), wᵢ = 1/|Zᵢ| (modulus weighting) or 1 (unit weighting, then in Ω²).</summary>
    public required double ChiSquared { get; init; }

    /// <summary>χ² / (2N − p): degrees of freedom are two per point minus the parameters; NaN when none are left.</summary>
    public required double ReducedChiSquared { get; init; }

    /// <summary>√(χ²/2N): the typical weighted residual (with modulus weighting a fraction of |Z|, 0.01 = 1 %).</summary>
    public required double RmsResidual { get; init; }

    /// <summary>The data used (invalid points dropped), sorted by decreasing frequency.</summary>
    public required IReadOnlyList<ImpedanceDatum> Data { get; init; }

    /// <summary>The fitted circuit's impedance at each point of <see cref="Data"/>, in Ω.</summary>
    public required IReadOnlyList<Complex> ModelImpedanceOhm { get; init; }

    /// <summary>Residuals Z_data − Z_model at each point of <see cref="Data"/>, in Ω.</summary>
    public required IReadOnlyList<Complex> ResidualsOhm { get; init; }

    /// <summary>Levenberg–Marquardt iterations of the winning start.</summary>
    public required int Iterations { get; init; }

    /// <summary>Starting points tried.</summary>
    public required int Starts { get; init; }

    /// <summary>Condition number of the parameter-scaled Jacobian at the optimum (+∞ when singular).</summary>
    public required double ConditionNumber { get; init; }

    /// <summary>True when <see cref="ConditionNumber"/> exceeds the option's threshold: some parameters (or combinations) are not determined by the data.</summary>
    public required bool IsPoorlyConditioned { get; init; }

    /// <summary>True when the fit converged and <see cref="RmsResidual"/> is within the option's threshold.</summary>
    public required bool IsGoodFit { get; init; }

    /// <summary>Human-readable summary of what happened (dropped points, conditioning, the fit quality).</summary>
    public required string Message { get; init; }

    /// <summary>The fitted parameter called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The circuit has no such parameter.</exception>
    public FittedParameter this[string name] =>
        Parameters.FirstOrDefault(p => p.Name == name)
        ?? throw new KeyNotFoundException($"The circuit {Circuit.Text} has no parameter '{name}'; it has {string.Join(", ", Parameters.Select(p => p.Name))}.");
}
