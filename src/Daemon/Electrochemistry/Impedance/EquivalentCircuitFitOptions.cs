namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>Settings of <see cref="EquivalentCircuitFitter"/>; the defaults suit EIS of battery cells.</summary>
public sealed record EquivalentCircuitFitOptions
{
    /// <summary>
    /// User starting values by parameter name (e.g. <c>R0</c>, <c>CPE1.alpha</c>); they replace the guesses derived
    /// from the spectrum in every starting point. Names not in the circuit, or values outside the bounds, are an error.
    /// </summary>
    public IReadOnlyDictionary<string, double>? InitialGuesses { get; init; }

    /// <summary>Residual weighting; <see cref="ImpedanceWeighting.Modulus"/> by default.</summary>
    public ImpedanceWeighting Weighting { get; init; } = ImpedanceWeighting.Modulus;

    /// <summary>Levenberg–Marquardt iterations allowed per starting point (1..100000).</summary>
    public int MaxIterations { get; init; } = 400;

    /// <summary>
    /// Starting points tried at most (1..100): the spectrum-derived guess first, then variants (arcs placed
    /// differently, other CPE exponents); the lowest χ² wins.
    /// </summary>
    public int MaxStarts { get; init; } = 12;

    /// <summary>
    /// A fit counts as good (<see cref="EquivalentCircuitFit.IsGoodFit"/>) when it converged and the root-mean-square
    /// weighted residual is at most this (with modulus weighting: relative, 0.01 = 1 % of |Z|).
    /// </summary>
    public double GoodFitRmsResidual { get; init; } = 0.01;

    /// <summary>
    /// Condition number (largest over smallest singular value of the Jacobian with columns scaled by the parameter
    /// values) above which the fit is reported as poorly conditioned.
    /// </summary>
    public double PoorConditionNumber { get; init; } = 1e8;
}
