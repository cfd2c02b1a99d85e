using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OperandoRig.Daemon.Hosting;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// A whole daemon started with <c>--operando PLAN</c> in the test process: the rig file config/rig.beamline.sim.yaml
/// (NMC811 cells on a simulated Ni K beamline) with its own data directory in a temp folder, gRPC on a port the OS
/// picks, no random beam dumps, no silence trip, at <c>speed</c>; what the daemon prints is captured. Files the plan names are written
/// into the same folder. Stopped and deleted on dispose.
/// </summary>
internal sealed class OperandoDaemon : IAsyncDisposable
{
    private readonly StringWriter _output;

    private OperandoDaemon(string folder, WebApplication app, StringWriter output)
    {
        Folder = folder;
        App = app;
        _output = output;
        Address = DaemonHost.GetListenAddress(app);
        Operando = app.Services.GetRequiredService<OperandoHostedService>();
    }

    public string Folder { get; }

    public WebApplication App { get; }

    public string Address { get; }

    public OperandoHostedService Operando { get; }

    public string DatabasePath => Path.Combine(Folder, "data", "operando-rig.db");

    /// <summary>Everything the daemon printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Writes <paramref name="files"/> (name → text) into a new temp folder and starts the daemon with the plan <paramref name="planFile"/>.</summary>
    public static async Task<OperandoDaemon> StartAsync(double speed, string planFile, IReadOnlyDictionary<string, string> files, bool exitWhenDone = true)
    {
        var folder = Directory.CreateTempSubdirectory("operando-daemon-").FullName;
        var rig = (await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "config", "rig.beamline.sim.yaml")).ConfigureAwait(false))
            .Replace("data_dir: ../data/beamline", "data_dir: data", StringComparison.Ordinal)
            .Replace("listen: 127.0.0.1:50052", "listen: 127.0.0.1:0", StringComparison.Ordinal)
            .Replace("dumps_per_hour: 0.02", "dumps_per_hour: 0", StringComparison.Ordinal)
            .Replace("max_silence: 1 h", "max_silence: 1 d", StringComparison.Ordinal); // a loaded test machine may stall for seconds: at 2000x that is hours
        Assert.Contains("max_silence: 1 d", rig, "the rig file's safety line changed; update the test");
        Assert.Contains("listen: 127.0.0.1:0", rig, "the rig file's listen line changed; update the test");
        Assert.Contains("dumps_per_hour: 0,", rig, "the rig file's ring line changed; update the test");
        await File.WriteAllTextAsync(Path.Combine(folder, "rig.yaml"), rig).ConfigureAwait(false);
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), text).ConfigureAwait(false);
        }

        var output = new StringWriter();
        var options = new DaemonOptions
        {
            ConfigPath = Path.Combine(folder, "rig.yaml"),
            OperandoPlanPath = Path.Combine(folder, planFile),
            Speed = speed,
            ExitWhenDone = exitWhenDone,
        };
        var app = await DaemonHost.BuildAsync(options, CancellationToken.None, new LockedWriter(output)).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        return new OperandoDaemon(folder, app, output);
    }

    /// <summary>Waits until the plan has run (at most <paramref name="limit"/> of real time, so a hang fails instead of blocking the run).</summary>
    public Task WaitDoneAsync(TimeSpan limit) => Operando.Completion.WaitAsync(limit);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Writes under the lock <see cref="Output"/> reads under.</summary>
    private sealed class LockedWriter(StringWriter target) : TextWriter
    {
        public override System.Text.Encoding Encoding => target.Encoding;

        public override void Write(char value)
        {
            lock (target)
            {
                target.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (target)
            {
                target.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (target)
            {
                target.WriteLine(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
