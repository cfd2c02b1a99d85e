namespace OperandoRig.Simulators.Cell;

/// <summary>
/// Fast open-circuit potential lookup: the table is interpolated once with a monotone cubic (Fritsch–Carlson PCHIP)
/// onto a uniform grid, so a lookup is one multiply, one index and one linear blend. Outside SOC 0..1 the potential
/// is extrapolated with a steep slope (it diverges there physically), so cut-offs are always reached.
/// </summary>
internal sealed class OcvCurve
{
    private const int Intervals = 2000;
    private readonly double[] _v = new double[Intervals + 1];
    private readonly double _endSlope;

    public OcvCurve(OcvCurveParameters p)
    {
        var x = p.StateOfCharge;
        var y = p.PotentialV;
        var n = x.Count;
        var d = PchipSlopes(x, y);
        var k = 0;
        for (var i = 0; i <= Intervals; i++)
        {
            var t = (double)i / Intervals;
            while (k < n - 2 && t > x[k + 1])
            {
                k++;
            }

            var h = x[k + 1] - x[k];
            var s = (t - x[k]) / h;
            var h00 = ((2 * s) - 3) * s * s + 1;
            var h10 = ((s - 2) * s + 1) * s;
            var h01 = (3 - (2 * s)) * s * s;
            var h11 = (s - 1) * s * s;
            _v[i] = (h00 * y[k]) + (h10 * h * d[k]) + (h01 * y[k + 1]) + (h11 * h * d[k + 1]);
        }

        _endSlope = p.EndSlopeVPerUnitSoc;
    }

    /// <summary>Open-circuit potential at state of charge <paramref name="soc"/>, in volts.</summary>
    public double PotentialV(double soc)
    {
        if (soc <= 0)
        {
            return _v[0] + (_endSlope * soc);
        }

        if (soc >= 1)
        {
            return _v[Intervals] + (_endSlope * (soc - 1));
        }

        var f = soc * Intervals;
        var i = (int)f;
        var w = f - i;
        return _v[i] + (w * (_v[i + 1] - _v[i]));
    }

    /// <summary>dU/dθ at <paramref name="soc"/>, in volts per unit SOC (never below 1 mV per unit SOC).</summary>
    public double SlopeVPerUnitSoc(double soc)
    {
        if (soc <= 0 || soc >= 1)
        {
            return Math.Max(_endSlope, 1e-3);
        }

        var i = Math.Min((int)(soc * Intervals), Intervals - 1);
        return Math.Max((_v[i + 1] - _v[i]) * Intervals, 1e-3);
    }

    private static double[] PchipSlopes(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        var d = new double[n];
        var delta = new double[n - 1];
        for (var i = 0; i < n - 1; i++)
        {
            delta[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
        }

        if (n == 2)
        {
            d[0] = d[1] = delta[0];
            return d;
        }

        for (var i = 1; i < n - 1; i++)
        {
            if (delta[i - 1] * delta[i] <= 0)
            {
                d[i] = 0;
            }
            else
            {
                var w1 = (2 * (x[i + 1] - x[i])) + (x[i] - x[i - 1]);
                var w2 = (x[i + 1] - x[i]) + (2 * (x[i] - x[i - 1]));
                d[i] = (w1 + w2) / ((w1 / delta[i - 1]) + (w2 / delta[i]));
            }
        }

        d[0] = EndSlope(x[1] - x[0], x[2] - x[1], delta[0], delta[1]);
        d[n - 1] = EndSlope(x[n - 1] - x[n - 2], x[n - 2] - x[n - 3], delta[n - 2], delta[n - 3]);
        return d;
    }

    private static double EndSlope(double h0, double h1, double del0, double del1)
    {
        var d = (((2 * h0) + h1) * del0 - (h0 * del1)) / (h0 + h1);
        if (Math.Sign(d) != Math.Sign(del0))
        {
            return 0;
        }

        if (Math.Sign(del0) != Math.Sign(del1) && Math.Abs(d) > Math.Abs(3 * del0))
        {
            return 3 * del0;
        }

        return d;
    }
}
