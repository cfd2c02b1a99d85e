using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OperandoRig.Daemon.Data.Export;

namespace OperandoRig.Daemon.Tests.Data.Export;

[TestClass]
public sealed class EventModelExporterTests
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Validates every [name, doc] line of argv[2] against the schema of its name in folder argv[1].</summary>
    private const string ValidatorScript = """
        import json, os, sys
        try:
            import jsonschema
        except ImportError:
            print("NO_JSONSCHEMA")
            sys.exit(3)
        files = {"start": "run_start.json", "descriptor": "event_descriptor.json", "event": "event.json",
                 "event_page": "event_page.json", "stop": "run_stop.json"}
        validators = {}
        for name, file in files.items():
            with open(os.path.join(sys.argv[1], file)) as f:
                schema = json.load(f)
            jsonschema.Draft202012Validator.check_schema(schema)
            validators[name] = jsonschema.Draft202012Validator(schema)
        bad = 0
        with open(sys.argv[2]) as f:
            for n, line in enumerate(f, 1):
                name, doc = json.loads(line)
                for e in validators[name].iter_errors(doc):
                    bad += 1
                    print(f"line {n} ({name}): {e.message} at {list(e.absolute_path)}")
        print(f"checked {n} documents, {bad} errors")
        sys.exit(1 if bad else 0)
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Export_StoredRun_EveryDocumentValidatesAgainstEventModelSchemas()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        var dir = Path.Combine(Path.GetTempPath(), "operandorig-em-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var (runId, status) in new[] { (ExportTestData.RunId, RunExitStatus.Success), (ExportTestData.EmptyRunId, RunExitStatus.Fail) })
            {
                var jsonl = Path.Combine(dir, runId + ".jsonl");
                await using (var file = new StreamWriter(jsonl))
                {
                    await EventModelExporter.ExportAsync(data.Store, runId, status, status == RunExitStatus.Fail ? "compliance hit" : null, file, ct);
                }

                var script = Path.Combine(dir, "validate.py");
                await File.WriteAllTextAsync(script, ValidatorScript, ct);
                var (exit, output) = await RunAsync(Python, [script, Path.Combine(AppContext.BaseDirectory, "Data", "Export", "event-model-schemas"), jsonl], ct);
                if (output.Contains("NO_JSONSCHEMA", StringComparison.Ordinal))
                {
                    Assert.Fail($"{Python} cannot import jsonschema: install the Debian package python3-jsonschema (apt-get install -y python3-jsonschema).");
                }

                Assert.AreEqual(0, exit, $"event-model schema validation of {runId} failed:\n{output}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public async Task Export_StoredRun_WritesStartDescriptorsEventsStopInOrder()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        var count = await EventModelExporter.ExportAsync(data.Store, ExportTestData.RunId, RunExitStatus.Success, null, text, ct);

        var docs = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.AreEqual(18L, count);
        Assert.HasCount(18, docs);
        var names = docs.Select(d => d[0].GetString()).ToArray();
        CollectionAssert.AreEqual(
            new[] { "start", "descriptor", "descriptor", "descriptor" }.Concat(Enumerable.Repeat("event", 13)).Append("stop").ToArray(),
            names);
        Assert.AreEqual("start", names[0]);
        Assert.AreEqual("stop", names[^1]);

        var start = docs[0][1];
        var primary = docs[1][1];
        var impedance = docs[2][1];
        var events = docs[3][1];
        Assert.AreEqual("events", events.GetProperty("name").GetString());
        Assert.AreEqual("string", events.GetProperty("data_keys").GetProperty("kind").GetProperty("dtype").GetString());
        Assert.AreEqual("primary", primary.GetProperty("name").GetString());
        Assert.AreEqual("impedance", impedance.GetProperty("name").GetString());
        Assert.AreEqual(start.GetProperty("uid").GetString(), primary.GetProperty("run_start").GetString());
        Assert.AreEqual(ExportTestData.StartS, start.GetProperty("time").GetDouble());
        Assert.AreEqual("cc-cycling", start.GetProperty("plan_name").GetString());
        var voltageKey = primary.GetProperty("data_keys").GetProperty("voltage");
        Assert.AreEqual("number", voltageKey.GetProperty("dtype").GetString());
        Assert.AreEqual("V", voltageKey.GetProperty("units").GetString());
        Assert.AreEqual(0, voltageKey.GetProperty("shape").GetArrayLength());

        var primaryEvents = docs.Where(d => d[0].GetString() == "event" && d[1].GetProperty("descriptor").GetString() == primary.GetProperty("uid").GetString()).Select(d => d[1]).ToList();
        var impedanceEvents = docs.Where(d => d[0].GetString() == "event" && d[1].GetProperty("descriptor").GetString() == impedance.GetProperty("uid").GetString()).Select(d => d[1]).ToList();
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5, 6, 7 }, primaryEvents.Select(e => e.GetProperty("seq_num").GetInt64()).ToArray());
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, impedanceEvents.Select(e => e.GetProperty("seq_num").GetInt64()).ToArray());
        var records = docs.Where(d => d[0].GetString() == "event" && d[1].GetProperty("descriptor").GetString() == events.GetProperty("uid").GetString()).Select(d => d[1]).ToList();
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, records.Select(e => e.GetProperty("seq_num").GetInt64()).ToArray());
        CollectionAssert.AreEqual(new[] { "state.changed", "operator.pause", "state.changed" }, records.Select(e => e.GetProperty("data").GetProperty("kind").GetString()).ToArray());
        Assert.AreEqual("pause (OpenCircuit): beam \"refill\"", records[1].GetProperty("data").GetProperty("message").GetString());
        Assert.AreEqual("OpenCircuit", JsonDocument.Parse(records[1].GetProperty("data").GetProperty("fields").GetString()!).RootElement.GetProperty("hold").GetString());
        Assert.AreEqual(ExportTestData.StartS + 25, records[1].GetProperty("time").GetDouble());
        Assert.AreEqual(-2.0, primaryEvents[3].GetProperty("data").GetProperty("current").GetDouble());
        Assert.AreEqual("ramp, \"test\"", primaryEvents[5].GetProperty("data").GetProperty("step_label").GetString());
        Assert.AreEqual(ExportTestData.StartS + 30, primaryEvents[3].GetProperty("time").GetDouble());

        var stop = docs[^1][1];
        Assert.AreEqual("success", stop.GetProperty("exit_status").GetString());
        Assert.AreEqual(7, stop.GetProperty("num_events").GetProperty("primary").GetInt32());
        Assert.AreEqual(3, stop.GetProperty("num_events").GetProperty("impedance").GetInt32());
        Assert.AreEqual(3, stop.GetProperty("num_events").GetProperty("events").GetInt32());
        Assert.AreEqual(ExportTestData.StartS + 72, stop.GetProperty("time").GetDouble());
        Assert.AreEqual(docs.Count, docs.Select(d => d[1].GetProperty("uid").GetString()).Distinct().Count());
    }

    [TestMethod]
    public async Task Export_RunWithoutSamples_WritesStartDescriptorAndFailedStopWithNoEvents()
    {
        var ct = TestContext.CancellationToken;
        await using var data = await ExportTestData.CreateAsync(ct);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        await EventModelExporter.ExportAsync(data.Store, ExportTestData.EmptyRunId, RunExitStatus.Fail, "no data", text, ct);

        var docs = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        CollectionAssert.AreEqual(new[] { "start", "descriptor", "stop" }, docs.Select(d => d[0].GetString()).ToArray());
        var stop = docs[2][1];
        Assert.AreEqual("fail", stop.GetProperty("exit_status").GetString());
        Assert.AreEqual("no data", stop.GetProperty("reason").GetString());
        Assert.AreEqual(0, stop.GetProperty("num_events").GetProperty("primary").GetInt32());
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] args, CancellationToken ct)
    {
        if (!File.Exists(fileName))
        {
            Assert.Fail($"{fileName} not found: install python3 and the Debian package python3-jsonschema.");
        }

        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
