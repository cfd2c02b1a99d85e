// InfluxBench: starts a local VictoriaMetrics (default) or influxd on 127.0.0.1, fills a temporary SQLite store, then
// prints the forwarder's throughput (SQLite outbox -> line protocol -> gzip -> POST in batches, cursor commits) next
// to a bulk upload of the same lines in one gzip POST, and their ratio (goal >= 0.9). Prints figures only.
// Usage: dotnet run -c Release --project bench/InfluxBench [-- vm|influxd [samples]]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Data.Influx;

var kind = args.Length > 0 ? args[0] : "vm";
var samples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400_000;
var folder = Directory.CreateTempSubdirectory("influx-bench-").FullName;
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
        foreach (var db in new[] { "bulk", "fwd" })
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

    // Bulk: the same lines built once, one gzip POST (build time shown apart).
    var options = new InfluxOptions { Url = url, Database = "bulk", Measurement = "bulk_sample" };
    var endpoint = new InfluxWriteEndpoint(options);
    var buildWatch = Stopwatch.StartNew();
    var writer = new LineProtocolWriter();
    foreach (var r in all)
    {
        SampleLineProtocol.Append(writer, options.Measurement, options.Precision, r);
    }

    var body = writer.ToUtf8();
    var buildS = buildWatch.Elapsed.TotalSeconds;
    var bulkWatch = Stopwatch.StartNew();
    var gz = InfluxHttpWriter.Compress(body);
    using (var request = endpoint.CreateRequest(gz))
    using (var response = await http.SendAsync(request))
    {
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"bulk POST failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return 1;
        }
    }

    var bulkS = bulkWatch.Elapsed.TotalSeconds;

    // Forwarder: from the outbox cursor, batches of 5 000 lines, cursor committed after each 2xx.
    using var forwarder = new InfluxForwarder(options with { Database = "fwd", Measurement = "operando_sample" }, store.Path, TimeProvider.System,
        NullLogger<InfluxForwarder>.Instance);
    var fwdWatch = Stopwatch.StartNew();
    var forwarded = await forwarder.ForwardPendingAsync(CancellationToken.None);
    var fwdS = fwdWatch.Elapsed.TotalSeconds;

    var bulkRate = samples / bulkS;
    var bulkWithBuildRate = samples / (bulkS + buildS);
    var fwdRate = forwarded / fwdS;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server: {kind} on {url}; {samples} samples, {body.Length / 1e6:F1} MB of line protocol ({gz.Length / 1e6:F1} MB gzip)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk upload (gzip + one POST):        {bulkRate,12:N0} lines/s  ({bulkS:F2} s)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk incl. building the lines:       {bulkWithBuildRate,12:N0} lines/s  ({bulkS + buildS:F2} s)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forwarder (SQLite->5000-line POSTs): {fwdRate,12:N0} lines/s  ({fwdS:F2} s, {forwarder.Batches} batches)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio forwarder / bulk:              {fwdRate / bulkRate,12:F2}  (goal >= 0.9)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio forwarder / bulk incl. build:  {fwdRate / bulkWithBuildRate,12:F2}"));
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
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
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
