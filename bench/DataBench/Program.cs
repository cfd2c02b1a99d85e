// DataBench: the data pipeline's figures in one run (issue #5's last acceptance line). Prints figures only.
//  1. Store ingest: samples handed to SamplePipeline -> SqliteStore (WAL, batched transactions) next to a raw batched
//     SQLite insert of the same rows into the same schema, and their ratio (goal >= 0.8).
//  2. Fan-out: the same ingest with 4 live subscribers each following all 4 channels; records/s each.
//  3. InfluxDB forwarding: a local influxd 1.6 and a local VictoriaMetrics (default: both) on 127.0.0.1; the forwarder's throughput
//     (SQLite outbox -> line protocol -> gzip -> POST in 5 000-line batches, cursor commits) next to a bulk upload of
//     the same lines in one gzip POST, and their ratio (goal >= 0.9), plus the forwarder's client-side cost alone
//     (a handler that accepts at once), and the same lines as pre-built 5 000-line gzip POSTs back to back (the
//     forwarder's own overhead). The bulk figure leaves out reading and building the lines; on a machine whose
//     cores are all busy (the server parses on every core) the forwarder's time is about server + client work.
// Usage: dotnet run -c Release --project bench/DataBench [-- [store-samples] [both|influxd|vm|none] [influx-samples]]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Bench.Data;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Data.Influx;

var storeSamples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var kind = args.Length > 1 ? args[1] : "both";
var samples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400_000;
var folder = Directory.CreateTempSubdirectory("data-bench-").FullName;
static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

try
{
    // 1. Store ingest. Best of three of each, alternating, so a noisy neighbour on the CPU hurts both alike.
    var rows = StoreBench.MakeSamples(storeSamples, 1.8e9);
    double raw = double.MaxValue, piped = double.MaxValue;
    PipelineRun? best = null;
    for (var round = 0; round < 3; round++)
    {
        raw = Math.Min(raw, await StoreBench.RawInsertAsync(Path.Combine(folder, $"raw{round}.db"), rows, 20_000));
        var run = await StoreBench.PipelineAsync(Path.Combine(folder, $"pipe{round}.db"), rows, subscribers: 0);
        if (run.StoredS < piped)
        {
            piped = run.StoredS;
            best = run;
        }

        SqliteConnection.ClearAllPools();
    }

    Line($"store ingest, {storeSamples:N0} samples on {StoreBench.Channels} channels (best of 3):");
    Line($"  raw batched SQLite insert (prepared, 20 000 rows/tx): {storeSamples / raw,12:N0} records/s  ({raw:F2} s)");
    Line($"  SamplePipeline -> SqliteStore:                        {storeSamples / piped,12:N0} records/s  ({piped:F2} s; hand-over {best!.PublishS:F2} s, {best.Stats.Batches} transactions, largest {best.Stats.MaxBatchRecords:N0}, max queue {best.Stats.MaxQueueDepth:N0})");
    Line($"  ratio pipeline / raw:                                 {raw / piped,12:F2}  (goal >= 0.8)");

    // 2. Fan-out to 4 live subscribers, each following all channels.
    var fan = await StoreBench.PipelineAsync(Path.Combine(folder, "fan.db"), rows, subscribers: 4);
    Line($"fan-out to 4 live subscribers, each receiving all {storeSamples:N0} samples:");
    for (var k = 0; k < fan.SubscriberS.Length; k++)
    {
        Line($"  subscriber {k + 1}: {storeSamples / fan.SubscriberS[k],12:N0} records/s  ({fan.SubscriberS[k]:F2} s)");
    }

    Line($"  stored:       {storeSamples / fan.StoredS,12:N0} records/s  ({fan.StoredS:F2} s; ingest with 4 subscribers / without: {piped / fan.StoredS:F2}; lag fallbacks to the store: {fan.Stats.LagFallbacks})");

    if (kind == "none")
    {
        return 0;
    }

    if (kind != "both")
    {
        return await InfluxAsync(kind, samples, folder);
    }

    // Both servers: InfluxDB 1.6 itself (the forwarder's target; the goal applies to it), then VictoriaMetrics (a
    // faster stand-in for the v2 write API, where the forwarder's own CPU on this machine's 2 cores shows).
    var influxd = await InfluxAsync("influxd", samples, Directory.CreateDirectory(Path.Combine(folder, "influxd")).FullName);
    return influxd != 0 ? influxd : await InfluxAsync("vm", samples, Directory.CreateDirectory(Path.Combine(folder, "vm")).FullName);
}
finally
{
    SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
    }
}

static async Task<int> InfluxAsync(string kind, int samples, string benchFolder)
{
    var folder = Directory.CreateDirectory(Path.Combine(benchFolder, "influx")).FullName;
    var port = FreePort();
    var url = $"http://127.0.0.1:{port}";
    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
    Process? server = null;
    try
    {
        server = kind == "influxd" ? StartInfluxd(folder, port) : StartVictoriaMetrics(folder, port);
        await WaitUpAsync(http, url + (kind == "influxd" ? "/ping" : "/health"));
        if (kind == "influxd")
        {
            foreach (var db in new[] { "bulk0", "bulk1", "bulk2", "fwd0", "fwd1", "fwd2", "batched0", "batched1", "batched2" })
            {
                using var c = new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = $"CREATE DATABASE {db}" });
                (await http.PostAsync(new Uri(url + "/query"), c)).EnsureSuccessStatusCode();
            }
        }

        // The store: 4 channels, consecutive seqs, realistic values.
        await using var store = await SqliteStore.OpenAsync(Path.Combine(folder, "bench.db"), CancellationToken.None);
        var start = Math.Floor(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 1.0) - 86_400;
        var perChannel = samples / 4;
        var all = new List<SampleRecord>(samples);
        foreach (var ch in new[] { "ch1", "ch2", "ch3", "ch4" })
        {
            var batch = new List<SampleRecord>(perChannel);
            for (var s = 1; s <= perChannel; s++)
            {
                batch.Add(new SampleRecord(s, "run-bench", ch, start + (s * 0.1), 3.6 + (0.4 * Math.Sin(s / 5000.0)), 1.25e-3 * Math.Cos(s / 777.0),
                    s * 3.4e-8, s / 10_000, s % 3 == 0 ? "CC charge" : "rest", s / 50_000, (s % 10_000) * 0.1));
            }

            await store.AppendSamplesAsync(batch, CancellationToken.None);
            all.AddRange(batch);
        }

        // Bulk: the same lines built once, one gzip POST (build time shown apart). Forwarder: from the outbox cursor,
        // batches of 5 000 lines, cursor committed after each 2xx. Best of three of each, alternating, each round into
        // its own database (a fresh cursor for the forwarder), so a noisy neighbour on the CPU hurts both alike.
        var options = new InfluxOptions { Url = url, Database = "bulk0", Measurement = "bulk_sample" };
        double buildS = double.MaxValue, bulkS = double.MaxValue, fwdS = double.MaxValue, batchedS = double.MaxValue;
        long forwarded = 0, batches = 0;
        byte[] body = [];
        byte[] gz = [];

        // The same lines cut into the forwarder's 5 000-line batches, built and compressed beforehand (not timed) and
        // POSTed back to back: the pure upload the forwarder does, without its outbox reads, building, gzip and cursors.
        var chunks = new List<byte[]>();
        for (var i = 0; i < all.Count; i += options.BatchSize)
        {
            var chunk = new LineProtocolWriter();
            foreach (var r in all.Skip(i).Take(options.BatchSize))
            {
                SampleLineProtocol.Append(chunk, options.Measurement, options.Precision, r);
            }

            chunks.Add(InfluxHttpWriter.Compress(chunk.ToUtf8()));
        }

        for (var round = 0; round < 3; round++)
        {
            var batchedEndpoint = new InfluxWriteEndpoint(options with { Database = $"batched{round}" });
            var batchedWatch = Stopwatch.StartNew();
            foreach (var chunk in chunks)
            {
                using var request = batchedEndpoint.CreateRequest(chunk);
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"batched POST failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return 1;
                }
            }

            batchedS = Math.Min(batchedS, batchedWatch.Elapsed.TotalSeconds);

            var buildWatch = Stopwatch.StartNew();
            var writer = new LineProtocolWriter();
            foreach (var r in all)
            {
                SampleLineProtocol.Append(writer, options.Measurement, options.Precision, r);
            }

            body = writer.ToUtf8();
            buildS = Math.Min(buildS, buildWatch.Elapsed.TotalSeconds);
            var endpoint = new InfluxWriteEndpoint(options with { Database = $"bulk{round}" });
            var bulkWatch = Stopwatch.StartNew();
            gz = InfluxHttpWriter.Compress(body);
            using (var request = endpoint.CreateRequest(gz))
            using (var response = await http.SendAsync(request))
            {
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"bulk POST failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    return 1;
                }
            }

            bulkS = Math.Min(bulkS, bulkWatch.Elapsed.TotalSeconds);

            using var forwarder = new InfluxForwarder(options with { Database = $"fwd{round}", Measurement = "operando_sample" }, store.Path,
                TimeProvider.System, NullLogger<InfluxForwarder>.Instance);
            var fwdWatch = Stopwatch.StartNew();
            forwarded = await forwarder.ForwardPendingAsync(CancellationToken.None);
            fwdS = Math.Min(fwdS, fwdWatch.Elapsed.TotalSeconds);
            batches = forwarder.Batches;
        }

        // The forwarder's own work (SQLite reads, line building, gzip) against a handler that accepts at once: what the
        // client costs per line when the server costs nothing.
        double clientS = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            using var local = new InfluxForwarder(options with { Database = $"client{round}" }, store.Path, TimeProvider.System,
                NullLogger<InfluxForwarder>.Instance, new AcceptingHandler());
            var clientWatch = Stopwatch.StartNew();
            await local.ForwardPendingAsync(CancellationToken.None);
            clientS = Math.Min(clientS, clientWatch.Elapsed.TotalSeconds);
        }

        var bulkRate = samples / bulkS;
        var bulkWithBuildRate = samples / (bulkS + buildS);
        var fwdRate = forwarded / fwdS;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"InfluxDB forwarding (best of 3), server: {kind} on {url}; {samples} samples, {body.Length / 1e6:F1} MB of line protocol ({gz.Length / 1e6:F1} MB gzip)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk upload (gzip + one POST):        {bulkRate,12:N0} lines/s  ({bulkS:F2} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk incl. building the lines:       {bulkWithBuildRate,12:N0} lines/s  ({bulkS + buildS:F2} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forwarder (SQLite->5000-line POSTs): {fwdRate,12:N0} lines/s  ({fwdS:F2} s, {batches} batches)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forwarder, client side only (no server): {samples / clientS,8:N0} lines/s  ({clientS:F2} s: SQLite reads, line building, gzip)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio forwarder / bulk:              {fwdRate / bulkRate,12:F2}  (goal >= 0.9)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio forwarder / bulk incl. build:  {fwdRate / bulkWithBuildRate,12:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk in {chunks.Count} pre-built 5000-line gzip POSTs:  {samples / batchedS,8:N0} lines/s  ({batchedS:F2} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio forwarder / batched bulk:      {fwdRate / (samples / batchedS),12:F2}  (the forwarder's overhead over the same POSTs)"));
        return 0;
    }
    finally
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        server?.Dispose();
    }
    }

static int FreePort()
{
    using var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

static Process StartVictoriaMetrics(string folder, int port) => Start("/usr/bin/victoria-metrics",
    ["-storageDataPath=" + Path.Combine(folder, "vm"), $"-httpListenAddr=127.0.0.1:{port}", "-retentionPeriod=100y", "-loggerLevel=ERROR"]);

static Process StartInfluxd(string folder, int port)
{
    var rpc = FreePort();
    var config = new StringBuilder()
        .AppendLine("reporting-enabled = false").AppendLine($"bind-address = \"127.0.0.1:{rpc}\"")
        .AppendLine("[meta]").AppendLine($"  dir = \"{folder}/meta\"")
        .AppendLine("[data]").AppendLine($"  dir = \"{folder}/data\"").AppendLine($"  wal-dir = \"{folder}/wal\"").AppendLine("  query-log-enabled = false")
        .AppendLine("[monitor]").AppendLine("  store-enabled = false")
        .AppendLine("[http]").AppendLine($"  bind-address = \"127.0.0.1:{port}\"").AppendLine("  log-enabled = false")
        .AppendLine("[logging]").AppendLine("  level = \"error\"").ToString();
    var path = Path.Combine(folder, "influxdb.conf");
    File.WriteAllText(path, config);
    return Start("/usr/bin/influxd", ["-config", path]);
}

static Process Start(string file, string[] args)
{
    if (!File.Exists(file))
    {
        throw new FileNotFoundException($"{file} is missing; apt-get install -y influxdb victoria-metrics", file);
    }

    var psi = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in args)
    {
        psi.ArgumentList.Add(a);
    }

    var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file);
    p.OutputDataReceived += (_, _) => { };
    p.ErrorDataReceived += (_, _) => { };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    return p;
}

static async Task WaitUpAsync(HttpClient http, string url)
{
    for (var i = 0; i < 300; i++)
    {
        try
        {
            using var r = await http.GetAsync(new Uri(url));
            if (r.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(50);
    }

    throw new TimeoutException("the server did not come up: " + url);
}

/// <summary>Answers every request with 204 at once: the forwarder's client-side cost alone.</summary>
internal sealed class AcceptingHandler : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
}
