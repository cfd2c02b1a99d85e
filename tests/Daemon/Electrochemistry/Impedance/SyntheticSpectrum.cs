using System.Numerics;
using OperandoRig.Daemon.Electrochemistry.Impedance;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Impedance;

/// <summary>Spectra of a circuit with known values, optionally with proportional Gaussian noise (seeded).</summary>
internal static class SyntheticSpectrum
{
    public static List<ImpedanceDatum> Of(EquivalentCircuit circuit, double[] values, double relativeNoise = 0, int seed = 1,
        double fromHz = 1e6, double toHz = 0.1, int perDecade = 10)
    {
        var random = new Random(seed);
        var count = (int)Math.Round(Math.Log10(fromHz / toHz) * perDecade) + 1;
        var result = new List<ImpedanceDatum>(count);
        for (var k = 0; k < count; k++)
        {
            var f = fromHz * Math.Pow(10, -(double)k / perDecade);
            var z = circuit.ImpedanceOhm(f, values);
            var noise = new Complex(Gaussian(random), Gaussian(random)) * (relativeNoise * z.Magnitude);
            result.Add(new ImpedanceDatum(f, z + noise));
        }

        return result;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
