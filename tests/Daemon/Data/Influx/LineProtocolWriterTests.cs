using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Data.Influx;

namespace OperandoRig.Daemon.Tests.Data.Influx;

[TestClass]
public sealed class LineProtocolWriterTests
{
    private static string One(Action<LineProtocolWriter> build)
    {
        var w = new LineProtocolWriter();
        build(w);
        return w.ToString();
    }

    [TestMethod]
    public void StartPoint_MeasurementWithCommaSpaceEquals_EscapesCommaAndSpaceOnly()
    {
        var text = One(w => w.StartPoint("my meas,ure=x").Field("v", 1L).EndPoint(5));
        Assert.AreEqual("my\\ meas\\,ure=x v=1i 5\n", text);
    }

    [TestMethod]
    public void Tag_KeysAndValuesWithCommaEqualsSpace_EscapesAll()
    {
        var text = One(w => w.StartPoint("m").Tag("cell id", "NMC 811,a=b").Tag("k=,", "v").Field("f k=,", 2.5).EndPoint(null));
        Assert.AreEqual("m,cell\\ id=NMC\\ 811\\,a\\=b,k\\=\\,=v f\\ k\\=\\,=2.5\n", text);
    }

    [TestMethod]
    public void Field_StringWithQuotesAndBackslashes_EscapesBoth()
    {
        var text = One(w => w.StartPoint("m").Field("s", "say \"hi\" C:\\dir\\").EndPoint(1));
        Assert.AreEqual("m s=\"say \\\"hi\\\" C:\\\\dir\\\\\" 1\n", text);
    }

    [TestMethod]
    public void Tag_BackslashBeforeOrdinaryCharacter_WrittenLiterally()
    {
        var text = One(w => w.StartPoint("m").Tag("path", "a\\b").Field("v", 1.0).EndPoint(1));
        Assert.AreEqual("m,path=a\\b v=1 1\n", text);
    }

    [TestMethod]
    public void Tag_BackslashBeforeEscapedCharacter_IsDoubled()
    {
        var text = One(w => w.StartPoint("m").Tag("t", "a\\,b").Field("v", 1.0).EndPoint(1));
        Assert.AreEqual("m,t=a\\\\\\,b v=1 1\n", text);
    }

    [TestMethod]
    public void Tag_TrailingBackslash_IsDroppedSoTheDelimiterStaysUnescaped()
    {
        var text = One(w => w.StartPoint("m\\").Tag("t", "end\\\\").Tag("only", "\\").Field("v\\", 1.0).EndPoint(1));
        Assert.AreEqual("m,t=end v=1 1\n", text);
    }

    [TestMethod]
    public void Tag_NonAsciiText_WrittenAsIsAndEncodedUtf8()
    {
        var w = new LineProtocolWriter();
        w.StartPoint("mesure_é").Tag("électrode", "Li₆PS₅Cl 😀").Field("ΔV", 0.1).Field("note", "Ångström").EndPoint(7);
        Assert.AreEqual("mesure_é,électrode=Li₆PS₅Cl\\ 😀 ΔV=0.1,note=\"Ångström\" 7\n", w.ToString());
        CollectionAssert.AreEqual(System.Text.Encoding.UTF8.GetBytes(w.ToString()), w.ToUtf8());
    }

    [TestMethod]
    public void Tag_LineBreakInValue_BecomesEscapedSpace()
    {
        var text = One(w => w.StartPoint("m").Tag("t", "a\nb\r").Field("s", "x\ny").EndPoint(1));
        Assert.AreEqual("m,t=a\\ b\\  s=\"x y\" 1\n", text);
    }

    [TestMethod]
    public void Tag_EmptyOrNullValue_IsOmitted()
    {
        var text = One(w => w.StartPoint("m").Tag("a", "").Tag("b", null).Tag("c", "x").Field("v", 1L).EndPoint(1));
        Assert.AreEqual("m,c=x v=1i 1\n", text);
    }

    [TestMethod]
    public void Field_Types_IntegerSuffixBooleanAndRoundTripFloat()
    {
        var text = One(w => w.StartPoint("m").Field("i", -42L).Field("t", true).Field("f", false)
            .Field("pi", Math.PI).Field("tiny", 1e-300).Field("third", 1.0 / 3).Field("big", 1.5e21).Field("neg0", -0.0).EndPoint(1));
        Assert.AreEqual("m i=-42i,t=true,f=false,pi=3.141592653589793,tiny=1E-300,third=0.3333333333333333,big=1.5E+21,neg0=-0 1\n", text);
    }

    [TestMethod]
    public void Field_FloatInAnyCulture_UsesInvariantDecimalPoint()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            var text = One(w => w.StartPoint("m").Field("v", 1234.5).EndPoint(1));
            Assert.AreEqual("m v=1234.5 1\n", text);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [TestMethod]
    public void Field_RandomDoubles_ParseBackBitForBit()
    {
        var rng = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var v = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (!double.IsFinite(v))
            {
                continue;
            }

            var text = One(w => w.StartPoint("m").Field("v", v).EndPoint(null));
            var parsed = double.Parse(text.AsSpan(4, text.Length - 5), System.Globalization.CultureInfo.InvariantCulture);
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(v), BitConverter.DoubleToInt64Bits(parsed), text);
        }
    }

    [TestMethod]
    public void Field_NaNAndInfinity_AreOmittedAndCounted()
    {
        var w = new LineProtocolWriter();
        w.StartPoint("m").Field("a", double.NaN).Field("b", 1.5).Field("c", double.PositiveInfinity).Field("d", double.NegativeInfinity).EndPoint(3);
        Assert.AreEqual("m b=1.5 3\n", w.ToString());
        Assert.AreEqual(3, w.OmittedFields);
        Assert.AreEqual(1, w.PointCount);
        Assert.AreEqual(0, w.SkippedPoints);
    }

    [TestMethod]
    public void EndPoint_NoFieldLeftAfterNaN_SkipsThePointAndCountsIt()
    {
        var w = new LineProtocolWriter();
        w.StartPoint("m").Field("v", 1L).EndPoint(1);
        var kept = w.StartPoint("m").Tag("t", "x").Field("a", double.NaN).EndPoint(2);
        w.StartPoint("m").Field("v", 3L).EndPoint(3);
        Assert.IsFalse(kept);
        Assert.AreEqual("m v=1i 1\nm v=3i 3\n", w.ToString());
        Assert.AreEqual(2, w.PointCount);
        Assert.AreEqual(1, w.SkippedPoints);
    }

    [TestMethod]
    public void Tag_AfterField_Throws()
    {
        var w = new LineProtocolWriter();
        w.StartPoint("m").Field("v", 1L);
        Assert.ThrowsExactly<InvalidOperationException>(() => w.Tag("t", "x"));
    }

    [TestMethod]
    public void TryToTimestamp_Precisions_RoundToNearestUnitOfTheStoredDouble()
    {
        const double t = 1_767_225_600.123456789; // stored double is 1767225600.1234567165374755859375
        Assert.IsTrue(LineProtocolPrecision.Nanoseconds.TryToTimestamp(t, out var ns));
        Assert.AreEqual(1_767_225_600_123_456_717L, ns);
        Assert.IsTrue(LineProtocolPrecision.Microseconds.TryToTimestamp(t, out var us));
        Assert.AreEqual(1_767_225_600_123_457L, us);
        Assert.IsTrue(LineProtocolPrecision.Milliseconds.TryToTimestamp(t, out var ms));
        Assert.AreEqual(1_767_225_600_123L, ms);
        Assert.IsTrue(LineProtocolPrecision.Seconds.TryToTimestamp(t, out var s));
        Assert.AreEqual(1_767_225_600L, s);
        Assert.IsTrue(LineProtocolPrecision.Nanoseconds.TryToTimestamp(-1.25, out var negative));
        Assert.AreEqual(-1_250_000_000L, negative);
    }

    [TestMethod]
    public void TryToTimestamp_NaNOrOutOfRange_ReturnsFalse()
    {
        Assert.IsFalse(LineProtocolPrecision.Nanoseconds.TryToTimestamp(double.NaN, out _));
        Assert.IsFalse(LineProtocolPrecision.Nanoseconds.TryToTimestamp(double.PositiveInfinity, out _));
        Assert.IsFalse(LineProtocolPrecision.Nanoseconds.TryToTimestamp(1e12, out _)); // year 33658: beyond int64 ns
        Assert.IsTrue(LineProtocolPrecision.Seconds.TryToTimestamp(1e12, out _));
    }

    [TestMethod]
    public void Append_Sample_WritesDocumentedSchema()
    {
        var w = new LineProtocolWriter();
        var sample = new SampleRecord(12, "run-1", "ch 1", 1_767_225_600.5, 3.7125, -0.0011, 0.25, 3, "CC charge", 2, 60.5);
        Assert.IsTrue(SampleLineProtocol.Append(w, "operando_sample", LineProtocolPrecision.Nanoseconds, sample));
        Assert.AreEqual(
            "operando_sample,channel_id=ch\\ 1,run_id=run-1,step_label=CC\\ charge voltage_v=3.7125,current_a=-0.0011,charge_ah=0.25,step_time_s=60.5,step_index=3i,cycle=2i,seq=12i 1767225600500000000\n",
            w.ToString());
    }

    [TestMethod]
    public void Append_SampleWithNaNVoltageAndNaNTime_OmitsFieldAndSkipsPoint()
    {
        var w = new LineProtocolWriter();
        var nanVoltage = new SampleRecord(1, "r", "c", 10, double.NaN, 0.5, 0, 0, "s", 0, 0);
        var nanTime = nanVoltage with { Seq = 2, TimeUnixS = double.NaN, VoltageV = 1 };
        Assert.IsTrue(SampleLineProtocol.Append(w, "m", LineProtocolPrecision.Seconds, nanVoltage));
        Assert.IsFalse(SampleLineProtocol.Append(w, "m", LineProtocolPrecision.Seconds, nanTime));
        Assert.AreEqual("m,channel_id=c,run_id=r,step_label=s current_a=0.5,charge_ah=0,step_time_s=0,step_index=0i,cycle=0i,seq=1i 10\n", w.ToString());
        Assert.AreEqual(1, w.SkippedPoints);
        Assert.AreEqual(1, w.OmittedFields);
    }
}
