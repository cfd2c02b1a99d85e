namespace OperandoRig.Simulators.Potentiostat;

/// <summary>Gaussian measurement noise from a seeded generator (Box–Muller), so runs repeat exactly.</summary>
internal sealed class MeasurementNoise(int seed)
{
#pragma warning disable CA5394 // simulation noise, not security
    private readonly Random _random = new(seed);

    /// <summary>A normally distributed value with mean 0 and the given standard deviation.</summary>
    public double Next(double standardDeviation)
    {
        if (standardDeviation <= 0)
        {
            return 0;
        }

        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
#pragma warning restore CA5394
}
