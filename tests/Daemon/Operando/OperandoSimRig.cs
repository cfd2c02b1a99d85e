using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Operando;
using OperandoRig.Daemon.Operando.Beam;
using OperandoRig.Daemon.Operando.Sync;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Operando;

/// <summary>
/// Channel runners on simulated channels with a real store, hub and pipeline in a temp folder, all on one virtual
/// clock, plus the operando services. The pipeline and runners are created inside the simulation (see
/// <see cref="StartAsync"/>); every channel is tapped by a <see cref="SampleBarrier"/>, so the loop holds virtual time
/// until the operando sessions have read each sample (every channel needs a session reading it).
/// </summary>
internal sealed class OperandoSimRig : IAsyncDisposable
{
    private readonly string _folder;
    private readonly List<(string Id, ICellModel Cell, double SamplePeriodS)> _cells = [];
    private readonly List<SimulatedChannel> _channels = [];

    private OperandoSimRig(string folder, SqliteStore store)
    {
        _folder = folder;
        Store = store;
        Hub = new StreamHub(store);
        Loop = new SimulationLoop(Clock);
        Barrier = new SampleBarrier(Loop);
    }

    public VirtualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));

    public SqliteStore Store { get; }

    public StreamHub Hub { get; }

    public SamplePipeline? Pipeline { get; private set; }

    public Dictionary<string, ChannelRunner> Runners { get; } = new(StringComparer.Ordinal);

    public OperandoEventLog Events { get; } = new();

    public SyncPointHub? Sync { get; private set; }

    public string Folder => _folder;

    public static async Task<OperandoSimRig> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("operando-sim-").FullName;
        var store = await SqliteStore.OpenAsync(Path.Combine(folder, "rig.db"), CancellationToken.None);
        return new OperandoSimRig(folder, store);
    }

    public OperandoSimRig WithCell(string id, ICellModel cell, double samplePeriodS = 10)
    {
        _cells.Add((id, cell, samplePeriodS));
        return this;
    }

    public SimulatedChannel ChannelOf(string id) => _channels.Single(c => c.ChannelId == id);

    /// <summary>The hub feed, behind the barrier that holds virtual time until the sessions have read each sample.</summary>
    public ISampleFeed Feed => Barrier.Wrap(new HubSampleFeed(Hub, Store));

    public SimulationLoop Loop { get; }

    public SampleBarrier Barrier { get; }

    /// <summary>Creates the pipeline, channels and runners; call inside the simulation.</summary>
    public async Task StartAsync()
    {
        Pipeline = new SamplePipeline(Store, Hub, NullLogger<SamplePipeline>.Instance);
        Sync = new SyncPointHub(Clock);
        foreach (var (id, cell, period) in _cells)
        {
            var channel = new SimulatedChannel(new SimulatedChannelOptions
            {
                ChannelId = id,
                SamplePeriodS = period,
                IntegrationStepS = Math.Min(1, period),
                VoltageRangeV = new ValueRange(0, 5),
                MaxAbsCurrentA = 10e-3,
            }, cell, Clock);
            _channels.Add(channel);
            using (SimulationLoop.Current?.BeginExternalWork())
            {
                await Pipeline.InitialiseChannelAsync(id, CancellationToken.None);
            }

            Runners[id] = new ChannelRunner(Barrier.Tap(channel), Pipeline, Store, Clock, NullLogger<ChannelRunner>.Instance);
        }
    }

    public OperandoServices Services(BeamPolicy policy, IOperandoScanExecutor scans) =>
        new(Clock, new BeamTimeArbiter(policy, Clock, Events), scans, Sync!, Events);

    public void Run(Func<CancellationToken, Task> simulation) => Loop.Run(simulation);

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _channels)
        {
            await c.DisposeAsync();
        }

        if (Pipeline is not null)
        {
            await Pipeline.DisposeAsync();
        }

        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
