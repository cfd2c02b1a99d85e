using System.Globalization;
using OperandoRig.Daemon.Data.Export;

namespace OperandoRig.Daemon.Tests.Data.Export;

[TestClass]
public sealed class ImpedanceCsvExporterTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Export_StoredRun_WritesOnePointPerRowWithModulusAndPhase()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        var rows = await ImpedanceCsvExporter.ExportAsync(data.Store, ExportTestData.RunId, text, ct);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(3L, rows);
        Assert.HasCount(4, lines);
        Assert.AreEqual("Frequency / Hz,Z Real / Ohm,Z Imaginary / Ohm,Z Modulus / Ohm,Z Phase / deg,Step Index / 1,Test Time / s,Unix Time / s", lines[0]);
        var first = lines[1].Split(',').Select(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        Assert.AreEqual(1000.0, first[0]);
        Assert.AreEqual(0.05, first[1]);
        Assert.AreEqual(-0.01, first[2]);
        Assert.AreEqual(Math.Sqrt((0.05 * 0.05) + (0.01 * 0.01)), first[3], 1e-15);
        Assert.AreEqual(Math.Atan2(-0.01, 0.05) * 180 / Math.PI, first[4], 1e-12);
        Assert.AreEqual(4.0, first[5]);
        Assert.AreEqual(70.0, first[6]);
        Assert.AreEqual(ExportTestData.StartS + 70, first[7]);
        Assert.AreEqual("1,0.1,0,0.1,0,4,72,1700000072", lines[3]);
    }

    [TestMethod]
    public async Task Export_RunWithoutPoints_WritesHeaderOnly()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        var rows = await ImpedanceCsvExporter.ExportAsync(data.Store, ExportTestData.EmptyRunId, text, ct);

        Assert.AreEqual(0L, rows);
        Assert.AreEqual(string.Join(',', ImpedanceCsvExporter.Columns) + "\n", text.ToString());
    }
}
