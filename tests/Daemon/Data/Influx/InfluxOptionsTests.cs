using OperandoRig.Daemon.Config;
using OperandoRig.Daemon.Data.Influx;

namespace OperandoRig.Daemon.Tests.Data.Influx;

[TestClass]
public sealed class InfluxOptionsTests
{
    private static readonly InfluxOptions V1 = new() { Url = "http://127.0.0.1:8086", Database = "operando" };

    private static string Error(InfluxOptions o) => Assert.ThrowsExactly<RigConfigException>(o.Validate).Message;

    [TestMethod]
    public void Validate_RelativeUrl_NamesKeyAndValue()
    {
        Assert.AreEqual("influx.url: 'x' is not an absolute http(s) URL, e.g. http://127.0.0.1:8086", Error(V1 with { Url = "x" }));
        StringAssert.StartsWith(Error(V1 with { Url = "ftp://h/" }), "influx.url: 'ftp://h/' is not an absolute http(s) URL");
    }

    [TestMethod]
    public void Validate_UrlWithCredentials_RejectedWithoutEchoingThem()
    {
        var message = Error(V1 with { Url = "http://u:secret@h:8086" });
        StringAssert.StartsWith(message, "influx.url:");
        Assert.IsFalse(message.Contains("secret", StringComparison.Ordinal), message);
    }

    [TestMethod]
    public void Validate_MissingTargetKeys_NameTheKey()
    {
        Assert.AreEqual("influx.database: '' is required with influx.api: v1", Error(V1 with { Database = null }));
        var v2 = new InfluxOptions { Url = "http://h:8086", Api = InfluxApiVersion.V2, Org = "o", Bucket = "b" };
        Assert.AreEqual("influx.token: '' is required with influx.api: v2", Error(v2));
        StringAssert.StartsWith(Error(V1 with { Username = "u" }), "influx.password:");
    }

    [TestMethod]
    public void Validate_OutOfRangeNumbers_NameTheKey()
    {
        Assert.AreEqual("influx.batch_size: '0' must be between 1 and 100000 lines", Error(V1 with { BatchSize = 0 }));
        StringAssert.StartsWith(Error(V1 with { Measurement = "#x" }), "influx.measurement: '#x'");
        StringAssert.StartsWith(Error(V1 with { PollInterval = TimeSpan.Zero }), "influx.poll_interval: '00:00:00'");
        StringAssert.StartsWith(Error(V1 with { MaxRetryDelay = TimeSpan.FromMilliseconds(10) }), "influx.max_retry_delay:");
        StringAssert.StartsWith(Error(V1 with { BreakDuration = TimeSpan.FromMilliseconds(10) }), "influx.break_duration:");
    }

    [TestMethod]
    public void Validate_Defaults_PassAndToStringHidesSecrets()
    {
        var v2 = new InfluxOptions { Url = "http://h:8086", Api = InfluxApiVersion.V2, Org = "o", Bucket = "b", Token = "tok-secret" };
        v2.Validate();
        V1.Validate();
        Assert.AreEqual(5000, V1.BatchSize);
        Assert.IsFalse(v2.ToString().Contains("tok-secret", StringComparison.Ordinal));
    }

    [TestMethod]
    public void WriteUri_V1AndV2_CarryTargetAndExplicitPrecision()
    {
        var v1 = new InfluxWriteEndpoint(V1 with { RetentionPolicy = "one week", Precision = LineProtocolPrecision.Milliseconds });
        Assert.AreEqual("http://127.0.0.1:8086/write?db=operando&rp=one%20week&precision=ms", v1.WriteUri.AbsoluteUri);
        var v2 = new InfluxWriteEndpoint(new InfluxOptions { Url = "https://h/influx", Api = InfluxApiVersion.V2, Org = "my org", Bucket = "b", Token = "t" });
        Assert.AreEqual("https://h/influx/api/v2/write?org=my%20org&bucket=b&precision=ns", v2.WriteUri.AbsoluteUri);
    }
}
