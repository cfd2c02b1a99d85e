namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// Levenberg–Marquardt for Σ rᵢ(u)² with a caller-supplied Jacobian, Marquardt's diagonal scaling and Nielsen's
/// damping update. The systems are small (a few dozen parameters) and solved here with a Cholesky factorisation on
/// plain arrays (MathNet's general routines cost more than the model on such sizes). Never throws for numerical
/// trouble: a residual or Jacobian that is not finite rejects the step or ends the run.
/// </summary>
internal static class LevenbergMarquardt
{
    /// <summary>Computes the residuals at u into r; false when they are not finite.</summary>
    public delegate bool Residuals(ReadOnlySpan<double> u, Span<double> r);

    /// <summary>Fills the Jacobian ∂rᵢ/∂uₖ at u, row-major (j[i·n + k]); false when it is not finite.</summary>
    public delegate bool JacobianFunction(ReadOnlySpan<double> u, double[] j);

    /// <summary>The minimiser's result.</summary>
    public readonly record struct Outcome(double[] U, double Cost, int Iterations, bool Converged);

    public static Outcome Minimize(Residuals f, JacobianFunction jacobian, double[] u0, int residualCount, int maxIterations,
        Action<double[]> clamp, CancellationToken cancellationToken)
    {
        var n = u0.Length;
        var m = residualCount;
        var u = (double[])u0.Clone();
        var r = new double[m];
        if (!f(u, r))
        {
            return new Outcome(u, double.PositiveInfinity, 0, false);
        }

        var cost = SumOfSquares(r);
        var j = new double[m * n];
        var a = new double[n * n];
        var g = new double[n];
        var damped = new double[n * n];
        var step = new double[n];
        var trial = new double[n];
        var rTrial = new double[m];
        var mu = -1.0;
        var nu = 2.0;
        var smallSteps = 0;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cost <= 1e-300)
            {
                return new Outcome(u, cost, iteration - 1, true);
            }

            if (!jacobian(u, j))
            {
                return new Outcome(u, cost, iteration, false);
            }

            NormalEquations(j, r, m, n, a, g);
            var maxDiag = 0.0;
            var gMax = 0.0;
            for (var i = 0; i < n; i++)
            {
                maxDiag = Math.Max(maxDiag, a[(i * n) + i]);
                gMax = Math.Max(gMax, Math.Abs(g[i]));
            }

            if (maxDiag <= 0 || gMax == 0)
            {
                return new Outcome(u, cost, iteration, true);
            }

            if (mu < 0)
            {
                mu = 1e-3 * maxDiag;
            }

            var accepted = false;
            while (mu <= 1e20 * maxDiag)
            {
                Array.Copy(a, damped, a.Length);
                for (var i = 0; i < n; i++)
                {
                    damped[(i * n) + i] += mu * Math.Max(a[(i * n) + i], 1e-9 * maxDiag);
                    step[i] = -g[i];
                }

                if (!CholeskySolve(damped, step, n))
                {
                    mu *= nu;
                    nu *= 2;
                    continue;
                }

                for (var i = 0; i < n; i++)
                {
                    trial[i] = u[i] + step[i];
                }

                clamp(trial);
                var predicted = 0.0;
                var stepNorm = 0.0;
                var uNorm = 0.0;
                for (var i = 0; i < n; i++)
                {
                    step[i] = trial[i] - u[i];
                    var aStep = 0.0;
                    for (var k = 0; k < n; k++)
                    {
                        aStep += a[(i * n) + k] * step[k];
                    }

                    predicted -= step[i] * ((2 * g[i]) + aStep);
                    stepNorm += step[i] * step[i];
                    uNorm += u[i] * u[i];
                }

                var costTrial = f(trial, rTrial) ? SumOfSquares(rTrial) : double.PositiveInfinity;
                var rho = (cost - costTrial) / predicted;
                if (costTrial < cost && predicted > 0 && rho > 0)
                {
                    var relativeDecrease = (cost - costTrial) / cost;
                    Array.Copy(trial, u, n);
                    Array.Copy(rTrial, r, m);
                    cost = costTrial;
                    mu *= Math.Max(1.0 / 3, 1 - Math.Pow((2 * rho) - 1, 3));
                    nu = 2;
                    accepted = true;
                    smallSteps = relativeDecrease < 1e-10 || Math.Sqrt(stepNorm) < 1e-10 * (1e-3 + Math.Sqrt(uNorm)) ? smallSteps + 1 : 0;
                    break;
                }

                mu *= nu;
                nu *= 2;
            }

            if (!accepted || smallSteps >= 3)
            {
                // No downhill step at any damping, or only negligible ones: a (local) minimum to machine precision.
                return new Outcome(u, cost, iteration, true);
            }
        }

        return new Outcome(u, cost, maxIterations, false);
    }

    public static double SumOfSquares(ReadOnlySpan<double> r)
    {
        var s = 0.0;
        foreach (var x in r)
        {
            s += x * x;
        }

        return s;
    }

    /// <summary>a = JᵀJ (n×n, row-major), g = Jᵀr.</summary>
    private static void NormalEquations(double[] j, double[] r, int m, int n, double[] a, double[] g)
    {
        Array.Clear(a);
        Array.Clear(g);
        for (var i = 0; i < m; i++)
        {
            var row = i * n;
            for (var k = 0; k < n; k++)
            {
                var jk = j[row + k];
                g[k] += jk * r[i];
                for (var l = 0; l <= k; l++)
                {
                    a[(k * n) + l] += jk * j[row + l];
                }
            }
        }

        for (var k = 0; k < n; k++)
        {
            for (var l = 0; l < k; l++)
            {
                a[(l * n) + k] = a[(k * n) + l];
            }
        }
    }

    /// <summary>Solves M x = b in place (b becomes x) for symmetric positive definite M (destroyed); false if not SPD.</summary>
    private static bool CholeskySolve(double[] mat, double[] b, int n)
    {
        for (var k = 0; k < n; k++)
        {
            var d = mat[(k * n) + k];
            for (var l = 0; l < k; l++)
            {
                d -= mat[(k * n) + l] * mat[(k * n) + l];
            }

            if (!(d > 0) || !double.IsFinite(d))
            {
                return false;
            }

            var lkk = Math.Sqrt(d);
            mat[(k * n) + k] = lkk;
            for (var i = k + 1; i < n; i++)
            {
                var s = mat[(i * n) + k];
                for (var l = 0; l < k; l++)
                {
                    s -= mat[(i * n) + l] * mat[(k * n) + l];
                }

                mat[(i * n) + k] = s / lkk;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var l = 0; l < i; l++)
            {
                s -= mat[(i * n) + l] * b[l];
            }

            b[i] = s / mat[(i * n) + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var l = i + 1; l < n; l++)
            {
                s -= mat[(l * n) + i] * b[l];
            }

            b[i] = s / mat[(i * n) + i];
        }

        foreach (var x in b)
        {
            if (!double.IsFinite(x))
            {
                return false;
            }
        }

        return true;
    }
}
