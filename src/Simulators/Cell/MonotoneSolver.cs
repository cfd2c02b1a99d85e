namespace OperandoRig.Simulators.Cell;

/// <summary>A function of one variable that increases monotonically (voltage vs current of a cell step).</summary>
internal interface IIncreasingFunction
{
    double Evaluate(double x);
}

/// <summary>
/// Root of an increasing function by secant steps safeguarded with bisection once a bracket is known.
/// Generic over a struct so the hot path never allocates.
/// </summary>
internal static class MonotoneSolver
{
    public static double Solve<TF>(ref TF f, double x0, double dx, double tolerance)
        where TF : struct, IIncreasingFunction
    {
        var xa = x0;
        var fa = f.Evaluate(xa);
        if (Math.Abs(fa) <= tolerance)
        {
            return xa;
        }

        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        Bracket(xa, fa, ref lo, ref hi);
        var xb = fa > 0 ? xa - dx : xa + dx;
        var fb = f.Evaluate(xb);
        for (var iter = 0; iter < 80; iter++)
        {
            if (Math.Abs(fb) <= tolerance)
            {
                return xb;
            }

            Bracket(xb, fb, ref lo, ref hi);
            double next;
            var slope = (fb - fa) / (xb - xa);
            if (slope > 0 && double.IsFinite(slope))
            {
                next = xb - (fb / slope);
            }
            else
            {
                next = fb > 0 ? xb - (2 * Math.Abs(xb - xa)) : xb + (2 * Math.Abs(xb - xa));
            }

            if (double.IsFinite(lo) && double.IsFinite(hi))
            {
                if (!(next > lo && next < hi))
                {
                    next = 0.5 * (lo + hi);
                }
            }
            else if (!double.IsFinite(next))
            {
                next = fb > 0 ? xb - (4 * Math.Abs(dx)) : xb + (4 * Math.Abs(dx));
            }

            xa = xb;
            fa = fb;
            xb = next;
            fb = f.Evaluate(xb);
            if (double.IsFinite(lo) && double.IsFinite(hi) && hi - lo < 1e-15 * Math.Max(1, Math.Abs(hi)))
            {
                return xb;
            }
        }

        return xb;
    }

    private static void Bracket(double x, double fx, ref double lo, ref double hi)
    {
        if (fx < 0 && x > lo)
        {
            lo = x;
        }
        else if (fx > 0 && x < hi)
        {
            hi = x;
        }
    }
}
