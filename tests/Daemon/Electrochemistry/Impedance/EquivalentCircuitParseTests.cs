using System.Numerics;
using OperandoRig.Daemon.Electrochemistry.Impedance;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Impedance;

[TestClass]
public sealed class EquivalentCircuitParseTests
{
    [TestMethod]
    public void Parse_ThreeArcsAndWarburg_NamesParametersInOrder()
    {
        var c = EquivalentCircuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3)-W");

        CollectionAssert.AreEqual(
            new[] { "R0", "R1", "CPE1.Q", "CPE1.alpha", "R2", "CPE2.Q", "CPE2.alpha", "R3", "CPE3.Q", "CPE3.alpha", "W.sigma" },
            c.Parameters.Select(p => p.Name).ToArray());
        Assert.AreEqual(CircuitParameterKind.CpeExponent, c.Parameters[3].Kind);
        Assert.AreEqual("Ohm s^-0.5", c.Parameters[10].Unit);
    }

    [TestMethod]
    public void Parse_NestedRandlesWithWhitespaceAndFiniteWarburgs_Parses()
    {
        var c = EquivalentCircuit.Parse(" L0 - R0 - p( R1 - Ws1 , CPE_dl ) - Wo2 - C3 ");

        CollectionAssert.AreEqual(
            new[] { "L0", "R0", "R1", "Ws1.R", "Ws1.tau", "CPE_dl.Q", "CPE_dl.alpha", "Wo2.R", "Wo2.tau", "C3" },
            c.Parameters.Select(p => p.Name).ToArray());
    }

    [TestMethod]
    public void ImpedanceOhm_RcParallelAtCornerFrequency_IsHalfRMinusHalfJR()
    {
        var c = EquivalentCircuit.Parse("R0-p(R1,C1)");
        var f = 1 / (2 * Math.PI * 100 * 1e-6);

        var z = c.ImpedanceOhm(f, [10, 100, 1e-6]);

        Assert.AreEqual(60, z.Real, 1e-9);
        Assert.AreEqual(-50, z.Imaginary, 1e-9);
    }

    [TestMethod]
    public void ImpedanceOhm_CpeWithAlphaOneAndFiniteWarburgs_MatchTheirDefinitions()
    {
        var c = EquivalentCircuit.Parse("p(CPE1,C1)");
        var ws = EquivalentCircuit.Parse("Ws1");
        var wo = EquivalentCircuit.Parse("Wo1");
        var w = EquivalentCircuit.Parse("W1");
        const double f = 3.7;
        var s = new Complex(0, 2 * Math.PI * f);
        var x = Complex.Sqrt(s * 20);

        AssertClose(1 / (s * 3e-6), c.ImpedanceOhm(f, [1e-6, 1, 2e-6]));
        AssertClose(50 * Complex.Tanh(x) / x, ws.ImpedanceOhm(f, [50, 20]));
        AssertClose(50 / (Complex.Tanh(x) * x), wo.ImpedanceOhm(f, [50, 20]));
        AssertClose(new Complex(2, -2) / Math.Sqrt(2 * Math.PI * f), w.ImpedanceOhm(f, [2]));
    }

    [TestMethod]
    public void ImpedanceOhm_WrongNumberOfValues_Throws()
    {
        var c = EquivalentCircuit.Parse("R0-p(R1,C1)");

        Assert.ThrowsExactly<ArgumentException>(() => c.ImpedanceOhm(1, [1, 2]));
    }

    [TestMethod]
    [DataRow("R0-p(R1,X1)", 8, "X1", "unknown element type 'X'")]
    [DataRow("R0-p(R1,CPE1", 12, "end of string", "expected ',' or ')'")]
    [DataRow("R0-p(R1)", 3, "p(", "at least two branches")]
    [DataRow("R0-p(R1,)", 8, ")", "expected an element")]
    [DataRow("R0--R1", 3, "-", "expected an element")]
    [DataRow("R0-", 3, "end of string", "expected an element")]
    [DataRow("", 0, "end of string", "expected an element")]
    [DataRow("R0-R0", 3, "R0", "used twice")]
    [DataRow("R0)", 2, ")", "unexpected character")]
    [DataRow("R0-p(R1,C1)-3", 12, "3", "expected an element")]
    [DataRow("R0-Rbulk", 3, "Rbulk", "unknown element type 'Rbulk'")]
    public void Parse_BadString_ThrowsWithPositionAndToken(string text, int position, string token, string problem)
    {
        var ex = Assert.ThrowsExactly<CircuitFormatException>(() => EquivalentCircuit.Parse(text));

        Assert.AreEqual(position, ex.Position, ex.Message);
        Assert.AreEqual(token, ex.Token, ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.Contains($"position {position}", ex.Message);
    }

    private static void AssertClose(Complex expected, Complex actual) =>
        Assert.IsLessThan(1e-12 * expected.Magnitude, (expected - actual).Magnitude, $"expected {expected}, got {actual}");
}
