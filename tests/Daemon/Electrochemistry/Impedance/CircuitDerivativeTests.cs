using System.Numerics;
using OperandoRig.Daemon.Electrochemistry.Impedance;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Impedance;

[TestClass]
public sealed class CircuitDerivativeTests
{
    [TestMethod]
    [DataRow(1e5)]
    [DataRow(30)]
    [DataRow(0.05)]
    [DataRow(1e-4)]
    public void ImpedanceOhm_AnalyticDerivatives_MatchCentralDifferences(double frequencyHz)
    {
        var c = EquivalentCircuit.Parse("L0-R0-p(R1-Ws1,CPE1)-p(R2,C2,Wo2)-W3-C3");
        double[] p = [1e-7, 5, 20, 40, 30, 1e-5, 0.8, 50, 2e-6, 80, 4, 3, 0.5];
        var omega = 2 * Math.PI * frequencyHz;
        var analytic = new Complex[p.Length];

        c.Root.ImpedanceOhm(omega, p, analytic);

        for (var k = 0; k < p.Length; k++)
        {
            var h = 1e-6 * p[k];
            var up = (double[])p.Clone();
            var down = (double[])p.Clone();
            up[k] += h;
            down[k] -= h;
            var numeric = (c.Root.ImpedanceOhm(omega, up) - c.Root.ImpedanceOhm(omega, down)) / (2 * h);
            // Truncation error of the difference plus its round-off (|Z|·ε/h, with margin).
            var tolerance = (1e-5 * numeric.Magnitude) + (1e-13 * c.Root.ImpedanceOhm(omega, p).Magnitude / h);
            Assert.IsLessThan(tolerance, (analytic[k] - numeric).Magnitude, $"{c.Parameters[k].Name}: {analytic[k]} vs {numeric}");
        }
    }
}
