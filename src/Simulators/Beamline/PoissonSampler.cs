namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// Exact, seeded Poisson variates for any mean: multiplication of uniforms (Knuth) below a mean of 10, and the
/// transformed-rejection method with squeeze PTRS (W. Hörmann, "The transformed rejection method for generating
/// Poisson random variables", Insurance: Mathematics and Economics 12, 39–45, 1993) from 10 up.
/// </summary>
public sealed class PoissonSampler
{
    private static readonly double[] SmallLogFactorials = BuildLogFactorials();
#pragma warning disable CA5394 // simulation randomness, not security
    private readonly Random _random;

    /// <summary>Creates a sampler; the same seed gives the same sequence.</summary>
    public PoissonSampler(int seed) => _random = new Random(seed);

    /// <summary>A Poisson-distributed count with mean <paramref name="mean"/> (≥ 0, finite).</summary>
    public double Next(double mean)
    {
        if (!(mean >= 0) || double.IsInfinity(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "A Poisson mean must be finite and 0 or more.");
        }

        return mean < 10 ? Knuth(mean) : Ptrs(mean);
    }

    /// <summary>ln(k!) for a whole number k ≥ 0: exact from a table up to 30, Stirling's series above (error below 1e-12).</summary>
    public static double LogFactorial(double k)
    {
        if (k < SmallLogFactorials.Length)
        {
            return SmallLogFactorials[(int)k];
        }

        double inv = 1 / k;
        double inv2 = inv * inv;
        return (k * Math.Log(k)) - k + (0.5 * Math.Log(2 * Math.PI * k)) + (inv * ((1.0 / 12) - (inv2 * ((1.0 / 360) - (inv2 / 1260)))));
    }

    private double Knuth(double mean)
    {
        double limit = Math.Exp(-mean);
        double product = _random.NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }

        return k;
    }

    private double Ptrs(double mean)
    {
        double logMean = Math.Log(mean);
        double b = 0.931 + (2.53 * Math.Sqrt(mean));
        double a = -0.059 + (0.02483 * b);
        double inverseAlpha = 1.1239 + (1.1328 / (b - 3.4));
        double vr = 0.9277 - (3.6224 / (b - 2));
        while (true)
        {
            double u = _random.NextDouble() - 0.5;
            double v = _random.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((((2 * a / us) + b) * u) + mean + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v * inverseAlpha / ((a / (us * us)) + b)) <= -mean + (k * logMean) - LogFactorial(k))
            {
                return k;
            }
        }
    }
#pragma warning restore CA5394

    private static double[] BuildLogFactorials()
    {
        var table = new double[31];
        for (int i = 2; i < table.Length; i++)
        {
            table[i] = table[i - 1] + Math.Log(i);
        }

        return table;
    }
}
