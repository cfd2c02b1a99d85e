using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OperandoRig.Daemon.Tests.Data.Influx;

/// <summary>
/// A real InfluxDB 1.x (<c>influxd</c>) or VictoriaMetrics server started by a test on 127.0.0.1, on a port the
/// test picks, with its data in a temporary folder; stopped (SIGTERM, then kill) and deleted by the test. Fails the
/// test with a setup hint when the binary is missing.
/// </summary>
internal sealed class ReplicaServer : IAsyncDisposable
{
    public const string InfluxdPath = "/usr/bin/influxd";
    public const string VictoriaMetricsPath = "/usr/bin/victoria-metrics";
    public const string SetupHint = "Install the Debian packages with: apt-get install -y influxdb victoria-metrics (test.sh does it).";

    private readonly string _binary;
    private readonly Func<int, string[]> _arguments;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private ReplicaServer(string kind, string binary, string folder, Func<int, string[]> arguments)
    {
        Kind = kind;
        _binary = binary;
        Folder = folder;
        _arguments = arguments;
        Port = FreePort();
    }

    public string Kind { get; }

    public string Folder { get; }

    public int Port { get; }

    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    public static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>influxd 1.x with the config from <c>influxd config</c>, directories in a temp folder, HTTP and RPC on free loopback ports, reporting and other listeners off.</summary>
    public static async Task<ReplicaServer> StartInfluxdAsync(CancellationToken cancellationToken)
    {
        RequireBinary(InfluxdPath);
        var folder = Directory.CreateTempSubdirectory("operando-influxd-").FullName;
        var rpcPort = FreePort();
        var server = new ReplicaServer("influxd", InfluxdPath, folder, httpPort => ["-config", Path.Combine(folder, "influxdb.conf")]);
        var config = await RunToEndAsync(InfluxdPath, ["config"], cancellationToken);
        File.WriteAllText(Path.Combine(folder, "influxdb.conf"), PatchInfluxdConfig(config, folder, server.Port, rpcPort));
        await server.StartAsync(cancellationToken);
        await server.QueryInfluxAsync("CREATE DATABASE operando", cancellationToken);
        return server;
    }

    /// <summary>VictoriaMetrics with its storage in a temp folder, listening on a free loopback port.</summary>
    public static async Task<ReplicaServer> StartVictoriaMetricsAsync(CancellationToken cancellationToken)
    {
        RequireBinary(VictoriaMetricsPath);
        var folder = Directory.CreateTempSubdirectory("operando-vm-").FullName;
        var server = new ReplicaServer("victoria-metrics", VictoriaMetricsPath, folder, port =>
        [
            "-storageDataPath=" + Path.Combine(folder, "data"),
            string.Create(CultureInfo.InvariantCulture, $"-httpListenAddr=127.0.0.1:{port}"),
            "-retentionPeriod=100y",
            "-search.latencyOffset=0s",
            "-loggerLevel=ERROR",
        ]);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Rewrites the <c>influxd config</c> output: data/meta/wal dirs into <paramref name="folder"/>, loopback ports, no reporting, no extra listeners, quiet logs.</summary>
    public static string PatchInfluxdConfig(string config, string folder, int httpPort, int rpcPort)
    {
        var output = new StringBuilder();
        var section = "";
        foreach (var raw in config.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.StartsWith('['))
            {
                section = trimmed.Trim('[', ']');
            }

            var key = trimmed.Contains('=', StringComparison.Ordinal) ? trimmed[..trimmed.IndexOf('=', StringComparison.Ordinal)].Trim() : "";
            string? value = (section, key) switch
            {
                ("", "reporting-enabled") => "false",
                ("", "bind-address") => Quote($"127.0.0.1:{rpcPort}"),
                ("meta", "dir") => Quote(Path.Combine(folder, "meta")),
                ("data", "dir") => Quote(Path.Combine(folder, "data")),
                ("data", "wal-dir") => Quote(Path.Combine(folder, "wal")),
                ("data", "query-log-enabled") => "false",
                ("monitor", "store-enabled") => "false",
                ("http", "bind-address") => Quote($"127.0.0.1:{httpPort}"),
                ("http", "log-enabled") => "false",
                ("http", "pprof-enabled") => "false",
                ("http", "unix-socket-enabled") => "false",
                ("http", "bind-socket") => Quote(Path.Combine(folder, "influxd.sock")),
                ("logging", "level") => Quote("error"),
                ("continuous_queries", "enabled") => "false",
                ("subscriber", "enabled") => "false",
                ("ifql" or "graphite" or "collectd" or "opentsdb" or "udp", "enabled") => "false",
                _ => null,
            };
            output.Append(value is null ? line : $"{line[..(line.Length - trimmed.Length)]}{key} = {value}").Append('\n');
        }

        return output.ToString();

        static string Quote(string s) => "\"" + s + "\"";
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(_binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in _arguments(Port))
        {
            psi.ArgumentList.Add(a);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + _binary);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var ping = Kind == "influxd" ? "/ping" : "/health";
        for (var i = 0; i < 300; i++)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{Kind} exited with {_process.ExitCode} on start:\n{LogText()}");
            }

            try
            {
                using var r = await Http.GetAsync(new Uri(Url + ping), cancellationToken);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50, cancellationToken);
        }

        Assert.Fail($"{Kind} did not answer {ping} on {Url} within 15 s:\n{LogText()}");
    }

    /// <summary>Stops the server gracefully (SIGTERM; killed after 10 s).</summary>
    public async Task StopAsync()
    {
        if (_process is not { } p)
        {
            return;
        }

        _process = null;
        if (!p.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", p.Id.ToString(CultureInfo.InvariantCulture)]);
            await term!.WaitForExitAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await p.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }
        }

        p.Dispose();
    }

    public async Task<string> QueryInfluxAsync(string q, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = q, ["db"] = "operando", ["epoch"] = "ns" });
        using var r = await Http.PostAsync(new Uri(Url + "/query"), content, cancellationToken);
        var body = await r.Content.ReadAsStringAsync(cancellationToken);
        Assert.IsTrue(r.IsSuccessStatusCode, $"{q}: {(int)r.StatusCode} {body}");
        return body;
    }

    public async Task<string> ExportVictoriaMetricsAsync(string match, CancellationToken cancellationToken)
    {
        using (await Http.GetAsync(new Uri(Url + "/internal/force_flush"), cancellationToken))
        {
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["match[]"] = match, ["start"] = "0" });
        using var r = await Http.PostAsync(new Uri(Url + "/api/v1/export"), content, cancellationToken);
        var body = await r.Content.ReadAsStringAsync(cancellationToken);
        Assert.IsTrue(r.IsSuccessStatusCode, $"export: {(int)r.StatusCode} {body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        InfluxTestData.DeleteFolder(Folder);
    }

    public string LogText()
    {
        lock (_log)
        {
            return _log.Length > 4000 ? _log.ToString(_log.Length - 4000, 4000) : _log.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static void RequireBinary(string path)
    {
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: the InfluxDB integration tests need it. {SetupHint}");
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task<string> RunToEndAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
        await p.WaitForExitAsync(cancellationToken);
        Assert.AreEqual(0, p.ExitCode, $"{file} {string.Join(' ', args)}: {await stderr}");
        return await stdout;
    }
}
