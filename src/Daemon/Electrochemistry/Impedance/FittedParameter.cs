namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>A fitted parameter value with its standard error.</summary>
/// <param name="Parameter">Which parameter (name, unit, bounds).</param>
/// <param name="Value">Fitted value, in the parameter's unit.</param>
/// <param name="StandardError">
/// One-sigma standard error from the Jacobian at the optimum, σ = √(s²·(JᵀWJ)⁻¹ᵢᵢ) with s² = χ²/(2N − p), in the
/// parameter's unit; +∞ when the parameter is not determined by the data (a null direction of the Jacobian); NaN
/// when there are no degrees of freedom left.
/// </param>
public sealed record FittedParameter(CircuitParameter Parameter, double Value, double StandardError)
{
    /// <summary>The parameter's name, e.g. <c>CPE1.alpha</c>.</summary>
    public string Name => Parameter.Name;

    /// <summary><see cref="StandardError"/> / |<see cref="Value"/>|.</summary>
    public double RelativeStandardError => StandardError / Math.Abs(Value);

    /// <summary>True when the value sits at (within 0.1 % of) one of the parameter's bounds.</summary>
    public bool IsAtBound =>
        Value <= Parameter.LowerBound * 1.001 || Value >= Parameter.UpperBound * 0.999;
}
