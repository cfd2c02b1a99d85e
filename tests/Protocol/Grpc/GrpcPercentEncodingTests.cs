using OperandoRig.Protocol.Grpc.Internal;

namespace OperandoRig.Protocol.Tests.Grpc;

[TestClass]
public sealed class GrpcPercentEncodingTests
{
    [TestMethod]
    [DataRow("plain ASCII message", "plain ASCII message")]
    [DataRow("50% done", "50%25 done")]
    [DataRow("line1\nline2", "line1%0Aline2")]
    [DataRow("ü", "%C3%BC")]
    [DataRow("€", "%E2%82%AC")]
    public void Encode_Message_EscapesPerSpec(string message, string expected)
    {
        Assert.AreEqual(expected, GrpcPercentEncoding.Encode(message));
    }

    [TestMethod]
    [DataRow("50%25 done", "50% done")]
    [DataRow("%C3%BCber", "über")]
    [DataRow("%c3%bc", "ü")]
    [DataRow("bad %G1 escape", "bad %G1 escape")]
    [DataRow("trailing %", "trailing %")]
    [DataRow("trailing %4", "trailing %4")]
    public void Decode_Message_DecodesAndKeepsMalformedSequences(string wire, string expected)
    {
        Assert.AreEqual(expected, GrpcPercentEncoding.Decode(wire));
    }

    [TestMethod]
    public void EncodeThenDecode_UnicodeAndControlCharacters_RoundTrips()
    {
        const string message = "Zelle 3: 4.2 V > 4.1 V (Grenze) — 100%\t✓";

        Assert.AreEqual(message, GrpcPercentEncoding.Decode(GrpcPercentEncoding.Encode(message)));
    }
}
