namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// Maps the minimiser's unconstrained vector u to parameter values: positive quantities as p = exp(u) (the step is
/// relative and p never changes sign), CPE exponents as p = lo + (hi − lo)·(1 + sin u)/2 (always inside the bounds,
/// the MINUIT transform). Positive quantities are also clamped to their bounds in log space.
/// </summary>
internal sealed class ParameterTransform(IReadOnlyList<CircuitParameter> parameters)
{
    private readonly CircuitParameter[] _p = [.. parameters];

    public int Count => _p.Length;

    public bool IsBounded(int i) => _p[i].Kind == CircuitParameterKind.CpeExponent;

    public double ToValue(int i, double u)
    {
        var p = _p[i];
        return IsBounded(i)
            ? p.LowerBound + ((p.UpperBound - p.LowerBound) * (1 + Math.Sin(u)) / 2)
            : Math.Exp(Math.Clamp(u, Math.Log(p.LowerBound), Math.Log(p.UpperBound)));
    }

    /// <summary>
    /// The u of a value; bounded values are kept a little inside their bounds, where the transform's derivative is
    /// not zero, so the minimiser can move them.
    /// </summary>
    public double ToInternal(int i, double value)
    {
        var p = _p[i];
        if (IsBounded(i))
        {
            var x = (2 * (value - p.LowerBound) / (p.UpperBound - p.LowerBound)) - 1;
            return Math.Asin(Math.Clamp(x, -0.96, 0.96));
        }

        return Math.Log(Math.Clamp(value, p.LowerBound, p.UpperBound));
    }

    /// <summary>dp/du at u (the value itself for log-mapped quantities).</summary>
    public double Derivative(int i, double u)
    {
        var p = _p[i];
        return IsBounded(i) ? (p.UpperBound - p.LowerBound) * Math.Cos(u) / 2 : ToValue(i, u);
    }

    public void ToValues(ReadOnlySpan<double> u, Span<double> values)
    {
        for (var i = 0; i < _p.Length; i++)
        {
            values[i] = ToValue(i, u[i]);
        }
    }

    /// <summary>Clamps u to the log bounds of positive quantities (sine-mapped ones need none).</summary>
    public void Clamp(Span<double> u)
    {
        for (var i = 0; i < _p.Length; i++)
        {
            if (!IsBounded(i))
            {
                u[i] = Math.Clamp(u[i], Math.Log(_p[i].LowerBound), Math.Log(_p[i].UpperBound));
            }
        }
    }
}
