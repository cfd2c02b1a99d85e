using MathNet.Numerics.LinearAlgebra;

namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// Standard errors and conditioning at the optimum, from the analytic Jacobian of the weighted residuals with respect
/// to the parameter values themselves, columns scaled by the values so the condition number compares relative changes. Covariance = s²·(JᵀJ)⁻¹ with s² = χ²/(2N − p), via the SVD; a
/// parameter with a share in a null direction (singular value below 1e-13 of the largest) gets an infinite error.
/// </summary>
internal static class FitStatistics
{
    /// <param name="scaledJacobian">∂rᵢ/∂pₖ·|pₖ| at the optimum (weighted residuals, natural parameters).</param>
    /// <param name="values">The fitted values.</param>
    /// <param name="chiSquared">Σ rᵢ² at the optimum.</param>
    public static (double[] StandardErrors, double ConditionNumber) Compute(Matrix<double> scaledJacobian, double[] values, double chiSquared)
    {
        var n = values.Length;
        var residualCount = scaledJacobian.RowCount;
        var errors = new double[n];
        var j = scaledJacobian;
        foreach (var x in j.Enumerate())
        {
            if (!double.IsFinite(x))
            {
                return (Fill(n, double.NaN), double.PositiveInfinity);
            }
        }

        var svd = j.Svd(computeVectors: true);
        var s = svd.S;
        var sMax = s.Maximum();
        var sMin = s.Minimum();
        var condition = sMin > 0 ? sMax / sMin : double.PositiveInfinity;
        var dof = residualCount - n;
        if (dof <= 0 || !(sMax > 0))
        {
            return (Fill(n, double.NaN), condition);
        }

        var variance = chiSquared / dof;
        var v = svd.VT.Transpose();
        for (var k = 0; k < n; k++)
        {
            var sum = 0.0;
            for (var m = 0; m < n; m++)
            {
                var loading = v[k, m];
                if (s[m] <= 1e-13 * sMax)
                {
                    if (Math.Abs(loading) > 1e-6)
                    {
                        sum = double.PositiveInfinity;
                        break;
                    }

                    continue;
                }

                sum += loading * loading / (s[m] * s[m]);
            }

            errors[k] = Math.Abs(values[k]) * Math.Sqrt(sum * variance);
        }

        return (errors, condition);
    }

    private static double[] Fill(int n, double value)
    {
        var a = new double[n];
        Array.Fill(a, value);
        return a;
    }
}
