using OperandoRig.Protocol.Grpc.Internal;

namespace OperandoRig.Protocol.Tests.Grpc;

[TestClass]
public sealed class GrpcTimeoutTests
{
    [TestMethod]
    [DataRow("2H", 2L * 3600 * 10_000_000)]
    [DataRow("3M", 3L * 60 * 10_000_000)]
    [DataRow("5S", 5L * 10_000_000)]
    [DataRow("250m", 250L * 10_000)]
    [DataRow("7u", 70L)]
    [DataRow("1000n", 10L)]
    [DataRow("1n", 1L)]
    [DataRow("0S", 0L)]
    [DataRow("99999999H", 99_999_999L * 36_000_000_000)]
    public void TryParse_EachUnit_ReturnsTimeout(string header, long expectedTicks)
    {
        Assert.IsTrue(GrpcTimeout.TryParse(header, out var timeout));
        Assert.AreEqual(expectedTicks, timeout.Ticks);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("S")]
    [DataRow("10")]
    [DataRow("123456789S")]
    [DataRow("10s")]
    [DataRow("1.5S")]
    [DataRow("-1S")]
    [DataRow(" 1S")]
    [DataRow("10X")]
    public void TryParse_Malformed_ReturnsFalse(string header)
    {
        Assert.IsFalse(GrpcTimeout.TryParse(header, out _));
    }

    [TestMethod]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.IsFalse(GrpcTimeout.TryParse(null, out _));
    }

    [TestMethod]
    [DataRow(10L, "1000n")]
    [DataRow(10_000_000L, "1000000u")]
    [DataRow(36_000_000_000L, "3600000m")]
    [DataRow(1_000_000_000_000L, "100000S")]
    public void Format_Timeout_UsesFinestUnitThatFits(long ticks, string expected)
    {
        Assert.AreEqual(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [TestMethod]
    public void Format_ThenParse_NeverShortensTheTimeout()
    {
        foreach (var ticks in new[] { 1L, 999_999L, 1_000_001L, 12_345_678_901L, TimeSpan.FromDays(400).Ticks })
        {
            Assert.IsTrue(GrpcTimeout.TryParse(GrpcTimeout.Format(TimeSpan.FromTicks(ticks)), out var back));
            Assert.IsGreaterThanOrEqualTo(ticks, back.Ticks, $"ticks {ticks}");
        }
    }

    [TestMethod]
    public void Format_BeyondEightDigitsOfHours_ClampsToMaximum()
    {
        Assert.AreEqual("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
    }
}
