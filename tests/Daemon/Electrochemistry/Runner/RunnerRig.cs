using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// Channel runners over simulated channels on one virtual clock, with a real store, hub and pipeline in a temp
/// folder: the daemon's engine without the host. <see cref="Run"/> drives a simulation on a <see cref="SimulationLoop"/>.
/// </summary>
internal sealed class RunnerRig : IAsyncDisposable
{
    private readonly string _folder;
    private readonly List<SimulatedChannel> _channels = [];

    private RunnerRig(string folder, SqliteStore store, VirtualTimeProvider clock)
    {
        _folder = folder;
        Clock = clock;
        Store = store;
        Hub = new StreamHub(store);
        Pipeline = new SamplePipeline(store, Hub, NullLogger<SamplePipeline>.Instance);
    }

    public VirtualTimeProvider Clock { get; }

    public SqliteStore Store { get; private set; }

    public StreamHub Hub { get; }

    public SamplePipeline Pipeline { get; }

    public List<ChannelRunner> Runners { get; } = [];

    public string DatabasePath => Path.Combine(_folder, "rig.db");

    /// <summary>A rig on <paramref name="clock"/> (default: a new virtual clock).</summary>
    public static async Task<RunnerRig> CreateAsync(VirtualTimeProvider? clock = null)
    {
        var folder = Directory.CreateTempSubdirectory("operando-runner-").FullName;
        var store = await SqliteStore.OpenAsync(Path.Combine(folder, "rig.db"), CancellationToken.None);
        return new RunnerRig(folder, store, clock ?? new VirtualTimeProvider());
    }

    public static SimpleTheveninCell Thevenin(double soc = 0.5, double capacityAh = 1.78e-3) =>
        new(new SimpleTheveninCellParameters { CapacityAh = capacityAh, InitialStateOfCharge = soc });

    /// <summary>Adds a channel (default: 1 s samples, 0..5 V, 10 mA) with its runner.</summary>
    public async Task<ChannelRunner> AddChannelAsync(ICellModel cell, SafetyLimits? safety = null, double samplePeriodS = 1, string? id = null,
        int noiseSeed = 1, double maxCurrentA = 10e-3, ValueRange? voltageRangeV = null)
    {
        var channel = new SimulatedChannel(new SimulatedChannelOptions
        {
            ChannelId = id ?? $"ch{_channels.Count + 1}",
            SamplePeriodS = samplePeriodS,
            IntegrationStepS = Math.Min(1, samplePeriodS),
            VoltageRangeV = voltageRangeV ?? new ValueRange(0, 5),
            MaxAbsCurrentA = maxCurrentA,
            NoiseSeed = noiseSeed,
        }, cell, Clock);
        return await AddRunnerAsync(channel, safety);
    }

    /// <summary>Adds a runner for <paramref name="channel"/>, which must run on <see cref="Clock"/>; the rig disposes of it.</summary>
    public async Task<ChannelRunner> AddRunnerAsync(SimulatedChannel channel, SafetyLimits? safety = null)
    {
        _channels.Add(channel);
        await Pipeline.InitialiseChannelAsync(channel.ChannelId, CancellationToken.None);
        var runner = new ChannelRunner(channel, Pipeline, Store, Clock, NullLogger<ChannelRunner>.Instance, safety);
        Runners.Add(runner);
        return runner;
    }

    public SimulatedChannel ChannelOf(ChannelRunner runner) => _channels.Single(c => c.ChannelId == runner.ChannelId);

    public static CompiledProtocol Protocol(params ChannelStep[] steps) =>
        new("test", new CellReference(null, null), [.. steps.Select((s, i) => new CompiledStep(s, i + 1, $"steps[{i}]"))]);

    public static ChannelStep Cc(double currentA, double? untilV, double forS, string label = "cc", int cycle = 1)
    {
        var until = new List<Termination> { Termination.AfterSeconds(forS) };
        if (untilV is { } v)
        {
            until.Insert(0, new Termination(TerminationQuantity.VoltageV, currentA >= 0 ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow, v));
        }

        return new ChannelStep(StepKind.ConstantCurrent, currentA, 0, until, label, cycle);
    }

    public static ChannelStep Cv(double voltageV, double untilAbsCurrentA, double forS, string label = "cv", int cycle = 1) =>
        new(StepKind.ConstantVoltage, 0, voltageV,
            [new Termination(TerminationQuantity.AbsCurrentA, TerminationComparison.AtOrBelow, untilAbsCurrentA), Termination.AfterSeconds(forS)], label, cycle);

    public static ChannelStep Rest(double forS, int cycle = 1) => ChannelStep.Rest(forS, "rest", cycle);

    /// <summary>Runs <paramref name="simulation"/> on a simulation loop driving <see cref="Clock"/>.</summary>
    public void Run(Func<CancellationToken, Task> simulation) => new SimulationLoop(Clock).Run(simulation);

    /// <summary>A run's stored samples, in sequence order, read back from the database file.</summary>
    public async Task<List<SampleRecord>> ReadSamplesAsync(string runId)
    {
        await using var db = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT {SampleRows.Columns} FROM samples WHERE run_id = $r ORDER BY seq";
        cmd.Parameters.AddWithValue("$r", runId);
        await using var r = await cmd.ExecuteReaderAsync();
        var result = new List<SampleRecord>();
        while (await r.ReadAsync())
        {
            result.Add(SampleRows.Read(r));
        }

        return result;
    }

    /// <summary>Closes the pipeline and the store (as a stopping daemon does) and opens the file again, as a restarted daemon would.</summary>
    public async Task<SqliteStore> ReopenStoreAsync()
    {
        await CloseAsync();
        SqliteConnection.ClearAllPools();
        Store = await SqliteStore.OpenAsync(DatabasePath, CancellationToken.None);
        return Store;
    }

    private bool _pipelineClosed;

    private async Task CloseAsync()
    {
        if (!_pipelineClosed)
        {
            _pipelineClosed = true;
            await Pipeline.DisposeAsync();
        }

        await Store.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _channels)
        {
            await c.DisposeAsync();
        }

        await CloseAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
