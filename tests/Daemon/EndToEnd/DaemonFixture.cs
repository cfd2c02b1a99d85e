using Microsoft.AspNetCore.Builder;
using OperandoRig.Daemon.Hosting;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// A whole daemon in the test process: a rig file in a temp folder (simulated clock, one channel),
/// its own data directory, gRPC on 127.0.0.1 with a port the OS picks; stopped and deleted on dispose.
/// </summary>
internal sealed class DaemonFixture : IAsyncDisposable
{
    private DaemonFixture(string folder, WebApplication app)
    {
        Folder = folder;
        App = app;
        Address = DaemonHost.GetListenAddress(app);
    }

    public string Folder { get; }

    public WebApplication App { get; }

    public string Address { get; }

    public string DataDirectory => Path.Combine(Folder, "data");

    public static async Task<DaemonFixture> StartAsync(double speed, double samplePeriodS = 1, string? dataDirectory = null, string cell = "{ model: thevenin, capacity: 1.78 mAh, initial_soc: 50 % }", string faults = "[]", string? safety = null)
    {
        var folder = Directory.CreateTempSubdirectory("operando-e2e-").FullName;
        var rig = Path.Combine(folder, "rig.yaml");
        await File.WriteAllTextAsync(rig, FormattableString.Invariant($"""
            name: e2e-rig
            clock: {"{"} mode: simulated, speed: {speed} {"}"}
            data_dir: {dataDirectory ?? "data"}
            listen: 127.0.0.1:0
            channels:
              - id: ch1
                driver: simulated
                sample_period: {samplePeriodS} s
                voltage_range: [0 V, 5 V]
                max_current: 10 mA
                cell: {cell}
                faults: {faults}
            {(safety is null ? "" : "    safety: " + safety)}
            """)).ConfigureAwait(false);
        var app = await DaemonHost.BuildAsync(new DaemonOptions { ConfigPath = rig }, CancellationToken.None).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        return new DaemonFixture(folder, app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
