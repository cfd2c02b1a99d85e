using System.Globalization;
using OperandoRig.Daemon.Data.Export;

namespace OperandoRig.Daemon.Tests.Data.Export;

[TestClass]
public sealed class BatteryDataFormatCsvExporterTests
{
    private const double Tol = 1e-12;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Export_StoredRun_WritesBdfHeaderAndOneRowPerSample()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        var rows = await BatteryDataFormatCsvExporter.ExportAsync(data.Store, ExportTestData.RunId, text, ct);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(7L, rows);
        Assert.HasCount(8, lines);
        Assert.AreEqual(
            "Test Time / s,Unix Time / s,Voltage / V,Current / A,Cycle Count / 1,Step Count / 1,Step Index / 1,Step Time / s,"
            + "Charging Capacity / Ah,Discharging Capacity / Ah,Step Capacity / Ah,Net Capacity / Ah,Temperature T1 / degC",
            lines[0]);
        Assert.AreEqual("10,1700000010,3.7,1,1,1,1,10,0.002777777777777778,0,0.002777777777777778,0.002777777777777778,25.5", lines[2]);
        StringAssert.EndsWith(lines[7], ",", "the last sample has no temperature reading: an empty cell");
    }

    [TestMethod]
    public async Task Export_StoredRun_IntegratesCapacityPerStepChargeAndDischargeApart()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        await BatteryDataFormatCsvExporter.ExportAsync(data.Store, ExportTestData.RunId, text, ct);
        var rows = Parse(text.ToString());

        // columns: 0 test time, 3 current, 5 step count, 6 step index, 8 charging, 9 discharging, 10 step, 11 net
        CollectionAssert.AreEqual(new[] { 0.0, 10, 20, 30, 40, 50, 60 }, rows.Select(r => r[0]).ToArray());
        CollectionAssert.AreEqual(new[] { 1.0, 1, 1, 2, 2, 3, 3 }, rows.Select(r => r[5]).ToArray());

        // End of step 1: 20 A·s charged.
        Assert.AreEqual(20.0 / 3600, rows[2][8], Tol);
        Assert.AreEqual(20.0 / 3600, rows[2][10], Tol);

        // Start of step 2: step capacity resets, nothing integrated across the 20 → 30 s boundary.
        Assert.AreEqual(0.0, rows[3][10], Tol);
        Assert.AreEqual(0.0, rows[3][9], Tol);

        // End of step 2: 20 A·s discharged; charging capacity unchanged.
        Assert.AreEqual(20.0 / 3600, rows[4][9], Tol);
        Assert.AreEqual(20.0 / 3600, rows[4][8], Tol);
        Assert.AreEqual(20.0 / 3600, rows[4][10], Tol);
        Assert.AreEqual(0.0, rows[4][11], Tol);

        // Step 3 ramps +1 A → -1 A: split at the zero crossing, 2.5 A·s each way.
        Assert.AreEqual(22.5 / 3600, rows[6][8], Tol);
        Assert.AreEqual(22.5 / 3600, rows[6][9], Tol);
        Assert.AreEqual(5.0 / 3600, rows[6][10], Tol);

        // BDF: charging and discharging capacities never decrease and are never negative.
        for (var k = 1; k < rows.Count; k++)
        {
            Assert.IsGreaterThanOrEqualTo(rows[k - 1][8], rows[k][8]);
            Assert.IsGreaterThanOrEqualTo(rows[k - 1][9], rows[k][9]);
        }
    }

    [TestMethod]
    public async Task Export_RunWithoutSamples_WritesHeaderOnly()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        var rows = await BatteryDataFormatCsvExporter.ExportAsync(data.Store, ExportTestData.EmptyRunId, text, ct);

        Assert.AreEqual(0L, rows);
        Assert.AreEqual(string.Join(',', BatteryDataFormatColumns.All) + "\n", text.ToString());
    }

    [TestMethod]
    public async Task Export_UnknownRun_ThrowsRunNotFound()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        var ex = await Assert.ThrowsExactlyAsync<RunNotFoundException>(
            () => BatteryDataFormatCsvExporter.ExportAsync(data.Store, "no-such-run", text, ct));

        Assert.AreEqual("no-such-run", ex.RunId);
        Assert.AreEqual(string.Empty, text.ToString());
    }

    private static List<double[]> Parse(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(l => l.Split(',').Select(c => c.Length == 0 ? double.NaN : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
}
