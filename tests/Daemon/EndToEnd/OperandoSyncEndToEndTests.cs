using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OperandoRig.Daemon.Tests.Api;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// External sync over gRPC: the daemon runs an operando plan whose trigger holds the cell and publishes a sync point; a
/// stock Python grpcio client (clients/python) watches the sync points, sees the cell held, and acknowledges, and the
/// protocol resumes; or nobody acknowledges, the deadline passes, and the plan's fallback is taken and recorded.
/// </summary>
[TestClass]
public sealed class OperandoSyncEndToEndTests
{
    // 0.06 mAh in 6 min; the trigger fires at 50 % (3 min in), then 3 more minutes of charge and a rest.
    private const string Protocol = """
        name: e2e-sync-charge
        steps:
          - Charge at 0.6 mA for 6 min
          - Rest for 2 min
        """;

    public TestContext TestContext { get; set; } = null!;

    private static string Plan(string timeout, string fallback) => $$"""
        operando:
          name: e2e-sync
          cells:
            - channel: ch1
              protocol: protocol.yaml
              soc: { capacity: 0.06 mAh, start: 0 % }
              spots: [ch1.A]
              triggers:
                - name: tomo
                  when: { soc: [50 %], on: charge }
                  do:
                    - hold: open_circuit
                    - sync: { label: tomography, timeout: {{timeout}}, on_timeout: {{fallback}} }
                    - resume
        """;

    [TestMethod]
    public async Task SyncStep_PythonClientAcknowledges_CellHeldUntilThenProtocolResumes()
    {
        using var python = await PythonInterop.PrepareAsync(CancellationToken.None);
        // 2 h of daemon time to acknowledge = 72 s of real time at 100x: plenty for the Python client.
        await using var daemon = await OperandoDaemon.StartAsync(100, "plan.yaml",
            new Dictionary<string, string> { ["plan.yaml"] = Plan("2 h", "abort"), ["protocol.yaml"] = Protocol }, exitWhenDone: false);
        var target = new Uri(daemon.Address).Authority;

        var result = await python.RunCaseAsync(target, "sync", ["--channel", "ch1", "--timeout", "60"], CancellationToken.None);
        await daemon.WaitDoneAsync(TimeSpan.FromMinutes(3));
        TestContext.WriteLine(daemon.Output);
        TestContext.WriteLine(result.Describe());

        Assert.AreEqual(0, result.ExitCode, result.Describe());
        Assert.AreEqual("tomography", result.Figures["label"]);
        Assert.AreEqual("ch1/tomo#1", result.Figures["trigger_id"]);
        Assert.AreEqual("Paused", result.Figures["held_state"]);
        Assert.AreEqual("ALREADY_EXISTS", result.Figures["again"]);
        Assert.AreEqual("NOT_FOUND", result.Figures["unknown"]);
        var soc = double.Parse(result.Figures["soc"], CultureInfo.InvariantCulture);
        Assert.IsTrue(soc is > 0.5 - 1e-9 and < 1, $"published at or past the trigger's level (the hold follows the firing by however long the daemon takes at 100x): SOC {soc}");
        Assert.AreEqual(0, daemon.Operando.ExitCode, daemon.Output);

        var output = daemon.Output;
        StringAssert.Contains(output, "sync.published");
        StringAssert.Contains(output, "acknowledged after");
        StringAssert.Contains(output, "(done: python: tomography, 181 projections)");
        Assert.DoesNotContain("sync.timeout", output);
        StringAssert.Contains(output, "finished: 1 trigger firings, 1 served, 0 unserved");

        await using var db = await OpenAsync(daemon);
        var events = await EventsAsync(db);
        var published = events.Single(e => e.Kind == "sync.published");
        var acked = events.Single(e => e.Kind == "sync.acknowledged");
        Assert.AreEqual(result.Figures["sync_id"], published.Fields["sync_id"]);
        Assert.AreEqual(result.Figures["sync_id"], acked.Fields["sync_id"]);
        Assert.AreEqual("done", acked.Fields["script_outcome"]);
        Assert.AreEqual("python: tomography, 181 projections", acked.Fields["script_note"]);
        Assert.IsFalse(events.Any(e => e.Kind == "sync.timeout"));
        var resumed = events.Single(e => e.Kind == "operando.resume");
        Assert.IsGreaterThanOrEqualTo(acked.TimeUnixS, resumed.TimeUnixS, "the protocol resumed after the acknowledgement");

        // While the sync point waited, the cell was held at open circuit; after the resume the charge went on to the end.
        var held = await ScalarsAsync(db, FormattableString.Invariant(
            $"SELECT current_a FROM samples WHERE channel_id = 'ch1' AND time_unix_s > {published.TimeUnixS:R} AND time_unix_s < {acked.TimeUnixS:R}"));
        // Open circuit: the simulated channel reads a few nA of current noise (its resolution is 1 nA), against 1 mA under charge.
        Assert.IsTrue(held.All(i => Math.Abs(i) < 1e-7), $"current while the sync point was pending: {string.Join(", ", held)}");
        Assert.AreEqual("Finished", (await TextAsync(db, "SELECT end_state FROM run_ends")).Single());
        var charged = (await ScalarsAsync(db, "SELECT MAX(charge_ah) FROM samples WHERE channel_id = 'ch1'")).Single();
        Assert.AreEqual(0.06e-3, charged, 1e-9, "the whole 6 min charge ran: held, not cut short");
    }

    [TestMethod]
    public async Task SyncStep_NobodyAcknowledges_FallbackAbortIsTakenAndRecorded()
    {
        using var python = await PythonInterop.PrepareAsync(CancellationToken.None);
        // 20 min of daemon time = 12 s of real time at 100x: the Python client is watching well before the deadline.
        await using var daemon = await OperandoDaemon.StartAsync(100, "plan.yaml",
            new Dictionary<string, string> { ["plan.yaml"] = Plan("20 min", "abort"), ["protocol.yaml"] = Protocol }, exitWhenDone: false);
        var target = new Uri(daemon.Address).Authority;

        var result = await python.RunCaseAsync(target, "sync-late", ["--channel", "ch1", "--timeout", "60"], CancellationToken.None);
        await daemon.WaitDoneAsync(TimeSpan.FromMinutes(3));
        TestContext.WriteLine(daemon.Output);
        TestContext.WriteLine(result.Describe());

        Assert.AreEqual(0, result.ExitCode, result.Describe());
        StringAssert.Contains(result.Figures["late"], "expired");
        var output = daemon.Output;
        StringAssert.Contains(output, "not acknowledged within 1200 s; fallback: Abort");
        Assert.DoesNotContain("acknowledged after", output);

        await using var db = await OpenAsync(daemon);
        var events = await EventsAsync(db);
        var published = events.Single(e => e.Kind == "sync.published");
        var timeout = events.Single(e => e.Kind == "sync.timeout");
        Assert.AreEqual(result.Figures["sync_id"], timeout.Fields["sync_id"]);
        Assert.AreEqual("Abort", timeout.Fields["fallback"]);
        // Never before the deadline; how long after it depends on the real timers at 100x (not asserted).
        Assert.IsGreaterThanOrEqualTo(1200 - 1e-3, timeout.TimeUnixS - published.TimeUnixS, "the fallback came at the deadline (daemon clock)");
        Assert.IsFalse(events.Any(e => e.Kind == "sync.acknowledged"));
        Assert.AreEqual("Aborted", (await TextAsync(db, "SELECT end_state FROM run_ends")).Single());
        var reason = (await TextAsync(db, "SELECT reason FROM run_ends")).Single();
        StringAssert.Contains(reason, "was not acknowledged within 1200 s");
        var charged = (await ScalarsAsync(db, "SELECT MAX(charge_ah) FROM samples WHERE channel_id = 'ch1'")).Single();
        Assert.IsLessThan(0.055e-3, charged, "the run ended at the fallback, not after the charge");
    }

    private static async Task<SqliteConnection> OpenAsync(OperandoDaemon daemon)
    {
        var db = new SqliteConnection($"Data Source={daemon.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        return db;
    }

    private static async Task<List<(string Kind, double TimeUnixS, Dictionary<string, string> Fields)>> EventsAsync(SqliteConnection db)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT kind, time_unix_s, fields FROM events WHERE stream = 'operando/events' ORDER BY seq";
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(string, double, Dictionary<string, string>)>();
        while (await r.ReadAsync())
        {
            list.Add((r.GetString(0), r.GetDouble(1), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2))!));
        }

        return list;
    }

    private static async Task<List<double>> ScalarsAsync(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<double>();
        while (await r.ReadAsync())
        {
            list.Add(r.GetDouble(0));
        }

        return list;
    }

    private static async Task<List<string>> TextAsync(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await r.ReadAsync())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }
}
