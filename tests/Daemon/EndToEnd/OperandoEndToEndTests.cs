using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// The daemon started with <c>--operando PLAN --exit-when-done</c> on config/rig.beamline.sim.yaml, as the README runs the
/// example: it starts the protocol, fires the triggers, holds, scans on the simulated beamline, prints each step and a
/// summary, stores every tagged point, and a marker per scan naming the trigger firing that caused it.
/// </summary>
[TestClass]
public sealed class OperandoEndToEndTests
{
    private const string Protocol = """
        name: e2e-charge
        steps:
          - Charge at 0.06 mA for 3 h
          - Rest for 5 min
        """;

    private const string ScanPlan = """
        name: ni-k-short
        edge: Ni K
        regions:
          - { from: -30 eV, to: -10 eV, step: 5 eV, count: 0.5 s }
          - { from: -10 eV, to: 20 eV, step: 0.5 eV, count: 0.5 s }
          - { from: 20 eV, to: 60 eV, step: 10 eV, count: 0.5 s }
        detectors: [det]
        """;

    private const string Plan = """
        operando:
          name: e2e-soc-ladder
          beam: { order: first_come }
          scans:
            ni-k-short: scan.yaml
          cells:
            - channel: ch1
              protocol: protocol.yaml
              soc: { capacity: 0.18 mAh, start: 0 % }
              spots: [ch1.A]
              triggers:
                - name: ladder
                  when: { soc: [10 %, 50 %, 90 %], on: charge }
                  do:
                    - hold: open_circuit
                    - settle: 1 min
                    - scan: ni-k-short
                    - resume
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task OperandoOption_SocLadder_PrintsProgressAndStoresTaggedPointsWithTriggerMarkers()
    {
        await using var daemon = await OperandoDaemon.StartAsync(2000, "plan.yaml", new Dictionary<string, string>
        {
            ["plan.yaml"] = Plan,
            ["protocol.yaml"] = Protocol,
            ["scan.yaml"] = ScanPlan,
        });
        await daemon.WaitDoneAsync(TimeSpan.FromMinutes(5));
        var output = daemon.Output;
        TestContext.WriteLine(output);
        Assert.AreEqual(0, daemon.Operando.ExitCode, output);

        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("operando: running 'e2e-soc-ladder' (plan.yaml)", output);
        Assert.HasCount(3, lines.Where(l => l.Contains("operando.trigger", StringComparison.Ordinal) && l.Contains("trigger 'ladder' fired", StringComparison.Ordinal)));
        Assert.HasCount(3, lines.Where(l => l.Contains("operando.hold", StringComparison.Ordinal)));
        Assert.HasCount(3, lines.Where(l => l.Contains("operando.resume", StringComparison.Ordinal)));
        var scanLines = lines.Where(l => l.Contains("operando.scan", StringComparison.Ordinal)).ToList();
        Assert.HasCount(3, scanLines);
        Assert.IsTrue(scanLines.All(l => l.Contains("(ni-k-short at ch1.A)", StringComparison.Ordinal) && l.Contains(" eV, Completed", StringComparison.Ordinal)), string.Join("\n", scanLines));
        var summary = lines.Single(l => l.StartsWith("operando: ch1 run ", StringComparison.Ordinal));
        var expectedPoints = OperandoRig.Daemon.Beamline.ScanPlanParser.Parse(ScanPlan, "scan.yaml").PointCount;
        StringAssert.Contains(summary, string.Create(CultureInfo.InvariantCulture, $"finished: 3 trigger firings, 3 served, 0 unserved; 3 scans, {3 * expectedPoints} points, edge "));
        Assert.Contains("operando: 'e2e-soc-ladder' done; stored in", output);

        await using var db = new SqliteConnection($"Data Source={daemon.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        var scans = await QueryAsync(db, "SELECT scan_id, run_id, points, end_reason FROM scans ORDER BY started_unix_s",
            r => (ScanId: r.GetString(0), RunId: r.GetString(1), Points: r.GetInt32(2), End: r.GetString(3)));
        Assert.HasCount(3, scans);
        var runId = (await QueryAsync(db, "SELECT run_id FROM runs WHERE channel_id = 'ch1'", r => r.GetString(0))).Single();
        var triggers = (await QueryAsync(db, "SELECT json_extract(fields, '$.trigger_id') FROM events WHERE stream = 'operando/events' AND kind = 'operando.trigger'", r => r.GetString(0))).ToHashSet();
        Assert.HasCount(3, triggers);
        var levels = new[] { 0.1, 0.5, 0.9 };
        var edges = new List<double>();
        for (var i = 0; i < scans.Count; i++)
        {
            var scan = scans[i];
            Assert.AreEqual(runId, scan.RunId, "scans and electrochemistry share one run id");
            Assert.AreEqual("Completed", scan.End);
            Assert.AreEqual(expectedPoints, scan.Points, "every point of the plan");
            var points = await QueryAsync(db, $"SELECT tag_soc, tag_channel_id, run_id, tag_charge_ah, time_unix_s FROM scan_points WHERE scan_id = '{scan.ScanId}'",
                r => (Soc: r.IsDBNull(0) ? double.NaN : r.GetDouble(0), Channel: r.IsDBNull(1) ? null : r.GetString(1), Run: r.GetString(2),
                    ChargeAh: r.IsDBNull(3) ? double.NaN : r.GetDouble(3), TimeUnixS: r.GetDouble(4)));
            Assert.HasCount(scan.Points, points);
            Assert.IsTrue(points.All(p => p.Channel == "ch1" && p.Run == runId), "every point carries ch1's state and run id");

            // Held at open circuit: one state for the whole scan, the one the stored samples show at each point's time, at or
            // past the level (the hold follows the firing by however long the daemon took to react at 2000x real time).
            Assert.IsLessThan(1e-6, points.Max(p => p.Soc) - points.Min(p => p.Soc), "the cell is held at open circuit during the scan (nA of noise at most)");
            Assert.IsGreaterThanOrEqualTo(levels[i], points[0].Soc);
            foreach (var p in points.Where((_, k) => k % 10 == 0))
            {
                var sampleChargeAh = (await QueryAsync(db, FormattableString.Invariant(
                    $"SELECT charge_ah FROM samples WHERE channel_id = 'ch1' AND time_unix_s <= {p.TimeUnixS:R} ORDER BY seq DESC LIMIT 1"), r => r.GetDouble(0))).Single();
                Assert.AreEqual(sampleChargeAh, p.ChargeAh, 1e-10, $"tag of the point at {p.TimeUnixS} vs the stored sample before it (held: nA of noise at most)");
                Assert.AreEqual(p.ChargeAh / 0.18e-3, p.Soc, 1e-9, "SOC = charge since the start / 0.18 mAh");
            }

            // The marker: one operando.scan record per scan, naming the trigger firing that caused it.
            var markers = await QueryAsync(db, $"SELECT json_extract(fields, '$.trigger_id'), run_id, fields FROM events WHERE stream = 'operando/events' AND kind = 'operando.scan' AND json_extract(fields, '$.scan_id') = '{scan.ScanId}'",
                r => (Trigger: r.GetString(0), Run: r.GetString(1), Fields: r.GetString(2)));
            Assert.HasCount(1, markers);
            Assert.AreEqual(string.Create(CultureInfo.InvariantCulture, $"ch1/ladder#{i + 1}"), markers[0].Trigger);
            Assert.Contains(markers[0].Trigger, triggers);
            Assert.AreEqual(runId, markers[0].Run);
            var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(markers[0].Fields)!;
            Assert.AreEqual(levels[i], double.Parse(fields["trigger_soc"], CultureInfo.InvariantCulture), 0.005, "the marker carries the state at the trigger");
            edges.Add(double.Parse(fields["edge_ev"], CultureInfo.InvariantCulture));
        }

        TestContext.WriteLine(FormattableString.Invariant($"edges: {string.Join(", ", edges.Select(e => $"{e:F2}"))} eV"));
        Assert.IsGreaterThan(edges[0], edges[1], "the Ni K edge rises with SOC");
        Assert.IsGreaterThan(edges[1], edges[2], "the Ni K edge rises with SOC");
    }

    private const string TwoCellPlan = """
        operando:
          name: e2e-two-cells-one-beam
          beam: { order: priority }
          scans:
            ni-k-short: scan.yaml
          cells:
            - channel: ch1
              protocol: protocol.yaml
              soc: { capacity: 0.18 mAh, start: 0 % }
              priority: 1
              spots: [ch1.A]
              triggers:
                - name: ladder
                  when: { soc: [30 %, 70 %], on: charge }
                  do: [{ hold: open_circuit }, { scan: ni-k-short }, resume]
            - channel: ch2
              protocol: protocol.yaml
              soc: { capacity: 0.18 mAh, start: 0 % }
              priority: 2
              spots: [ch2.A, ch2.B]
              triggers:
                - name: ladder
                  when: { soc: [30 %, 70 %], on: charge }
                  do: [{ hold: open_circuit }, { scan: ni-k-short }, resume]
        """;

    [TestMethod]
    public async Task OperandoOption_TwoCellsOneBeam_EveryFiringServedOnceAndTheWaitsStored()
    {
        // Both cells charge at the same current from their runs' start, so their triggers fire together: one beam serves
        // both (ch2 has the higher priority), the other cell waits held, and each grant is stored with its wait.
        await using var daemon = await OperandoDaemon.StartAsync(2000, "plan.yaml", new Dictionary<string, string>
        {
            ["plan.yaml"] = TwoCellPlan,
            ["protocol.yaml"] = Protocol,
            ["scan.yaml"] = ScanPlan,
        });
        await daemon.WaitDoneAsync(TimeSpan.FromMinutes(5));
        var output = daemon.Output;
        TestContext.WriteLine(output);
        Assert.AreEqual(0, daemon.Operando.ExitCode, output);
        StringAssert.Contains(output, "ch1 run ");
        Assert.HasCount(2, output.Split('\n').Where(l => l.Contains("finished: 2 trigger firings, 2 served, 0 unserved", StringComparison.Ordinal)));

        await using var db = new SqliteConnection($"Data Source={daemon.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        var events = await QueryAsync(db, "SELECT kind, time_unix_s, fields FROM events WHERE stream = 'operando/events' ORDER BY seq",
            r => (Kind: r.GetString(0), TimeUnixS: r.GetDouble(1), Fields: System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2))!));
        var firings = events.Where(e => e.Kind == "operando.trigger").Select(e => e.Fields["trigger_id"]).ToList();
        CollectionAssert.AreEquivalent(new[] { "ch1/ladder#1", "ch1/ladder#2", "ch2/ladder#1", "ch2/ladder#2" }, firings);
        var grants = events.Where(e => e.Kind == "beam.grant").ToList();
        var requests = events.Where(e => e.Kind == "beam.request").ToList();
        CollectionAssert.AreEquivalent(firings, grants.Select(g => g.Fields["request_id"]).ToList(), "every firing granted the beam exactly once");
        CollectionAssert.AreEquivalent(firings, requests.Select(g => g.Fields["request_id"]).ToList());
        foreach (var g in grants)
        {
            var request = requests.Single(r => r.Fields["request_id"] == g.Fields["request_id"]);
            var waited = double.Parse(g.Fields["waited_s"], CultureInfo.InvariantCulture);
            Assert.AreEqual(g.TimeUnixS - request.TimeUnixS, waited, 1e-6, $"{g.Fields["request_id"]}: the stored wait is the time from request to grant");
        }

        Assert.IsTrue(grants.Any(g => double.Parse(g.Fields["waited_s"], CultureInfo.InvariantCulture) > 60),
            "a cell waited for the other's scans: " + string.Join(", ", grants.Select(g => $"{g.Fields["request_id"]} {g.Fields["waited_s"]} s")));

        // Scans: one per spot per firing, each marked with its firing; beam grants never overlap.
        var markers = events.Where(e => e.Kind == "operando.scan").ToList();
        Assert.HasCount(6, markers, "ch1: 1 spot x 2 firings, ch2: 2 spots x 2 firings");
        Assert.HasCount(6, markers.Select(m => m.Fields["scan_id"]).Distinct());
        var releases = events.Where(e => e.Kind == "beam.release").OrderBy(e => e.TimeUnixS).ToList();
        var ordered = grants.OrderBy(g => g.TimeUnixS).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.IsGreaterThanOrEqualTo(releases[i - 1].TimeUnixS, ordered[i].TimeUnixS, "one beam: a grant only after the previous release");
        }
    }

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection db, string sql, Func<SqliteDataReader, T> read)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<T>();
        while (await r.ReadAsync())
        {
            list.Add(read(r));
        }

        return list;
    }
}
