using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

[TestClass]
public sealed class PoissonSamplerTests
{
    [TestMethod]
    [DataRow(0.3)]
    [DataRow(4.0)]
    [DataRow(9.99)]
    [DataRow(10.0)]
    [DataRow(37.0)]
    [DataRow(1e4)]
    [DataRow(1e8)]
    public void Next_ManyDraws_MeanAndVarianceEqualTheMean(double mean)
    {
        var sampler = new PoissonSampler(seed: 7);
        const int n = 40_000;
        var draws = Enumerable.Range(0, n).Select(_ => sampler.Next(mean)).ToArray();

        double m = draws.Average();
        double variance = draws.Sum(d => (d - m) * (d - m)) / (n - 1);
        Assert.AreEqual(mean, m, 5 * Math.Sqrt(mean / n), "sample mean");
        Assert.AreEqual(1.0, variance / mean, 5 * Math.Sqrt(2.0 / n) + 0.01, "variance / mean (Poisson: 1)");
        Assert.IsTrue(draws.All(d => d >= 0 && d == Math.Floor(d)), "counts are non-negative integers");
    }

    [TestMethod]
    [DataRow(0.5)]
    [DataRow(12.0)]
    [DataRow(25.0)]
    public void Next_ManyDraws_ProbabilitiesMatchThePoissonMassFunction(double mean)
    {
        var sampler = new PoissonSampler(seed: 3);
        const int n = 100_000;
        var histogram = Enumerable.Range(0, n).Select(_ => (int)sampler.Next(mean)).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());

        for (int k = Math.Max(0, (int)mean - 3); k <= (int)mean + 3; k++)
        {
            double p = Math.Exp(-mean + (k * Math.Log(mean)) - PoissonSampler.LogFactorial(k));
            double observed = histogram.GetValueOrDefault(k) / (double)n;
            Assert.AreEqual(p, observed, 5 * Math.Sqrt(p / n), $"P({k})");
        }
    }

    [TestMethod]
    public void Next_SameSeed_SameSequence()
    {
        var a = new PoissonSampler(11);
        var b = new PoissonSampler(11);

        CollectionAssert.AreEqual(Enumerable.Range(0, 50).Select(i => a.Next(i * 3.7)).ToArray(), Enumerable.Range(0, 50).Select(i => b.Next(i * 3.7)).ToArray());
    }

    [TestMethod]
    public void Next_NegativeOrNaNMean_Throws()
    {
        var sampler = new PoissonSampler(1);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => sampler.Next(-1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => sampler.Next(double.NaN));
        Assert.AreEqual(0, sampler.Next(0));
    }
}
