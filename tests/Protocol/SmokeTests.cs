namespace OperandoRig.Protocol.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void PingRequest_RoundTrip_PreservesPayload()
    {
        var m = new OperandoRig.Protocol.V1.PingRequest { Payload = "x" };
        var back = OperandoRig.Protocol.V1.PingRequest.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(m));
        Assert.AreEqual("x", back.Payload);
    }
}
