namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// One named parameter of an <see cref="EquivalentCircuit"/>, e.g. <c>R0</c> (Ω), <c>CPE1.Q</c>, <c>CPE1.alpha</c>,
/// <c>W1.sigma</c> (Ω·s^−½), <c>Ws1.R</c> and <c>Ws1.tau</c> (s).
/// </summary>
/// <param name="Name">Unique name: the element name, or element name + "." + the parameter's symbol.</param>
/// <param name="ElementName">Name of the element it belongs to as written in the circuit string (e.g. <c>CPE1</c>).</param>
/// <param name="Kind">What it is (sets the unit and the allowed range).</param>
public sealed record CircuitParameter(string Name, string ElementName, CircuitParameterKind Kind)
{
    /// <summary>Unit symbol, for display and storage ("Ohm", "F", "H", "F s^(alpha-1)", "1", "Ohm s^-0.5", "s").</summary>
    public string Unit => Kind switch
    {
        CircuitParameterKind.ResistanceOhm => "Ohm",
        CircuitParameterKind.CapacitanceF => "F",
        CircuitParameterKind.InductanceH => "H",
        CircuitParameterKind.CpeCoefficient => "F s^(alpha-1)",
        CircuitParameterKind.CpeExponent => "1",
        CircuitParameterKind.WarburgCoefficientOhmPerSqrtS => "Ohm s^-0.5",
        _ => "s",
    };

    /// <summary>Smallest value the fitter allows (exclusive of zero for every positive quantity).</summary>
    public double LowerBound => Kind switch
    {
        CircuitParameterKind.CpeExponent => 0.01,
        CircuitParameterKind.ResistanceOhm or CircuitParameterKind.WarburgCoefficientOhmPerSqrtS => 1e-9,
        CircuitParameterKind.TimeConstantS => 1e-12,
        _ => 1e-24,
    };

    /// <summary>Largest value the fitter allows.</summary>
    public double UpperBound => Kind switch
    {
        CircuitParameterKind.CpeExponent => 1,
        CircuitParameterKind.InductanceH => 1e3,
        _ => 1e15,
    };
}
