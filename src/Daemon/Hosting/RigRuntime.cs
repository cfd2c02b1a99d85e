using Microsoft.Extensions.Logging;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Config;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;

namespace OperandoRig.Daemon.Hosting;

/// <summary>
/// The running rig: its devices, one runner per channel, the store, the pipeline and the stream hub,
/// all on one clock. The gRPC services and the hosted service are thin layers over it.
/// </summary>
public sealed class RigRuntime : IAsyncDisposable
{
    private readonly Dictionary<string, ChannelRunner> _runners;
    private readonly List<IAsyncDisposable> _devices;

    private RigRuntime(RigConfig config, TimeProvider time, SqliteStore store, StreamHub hub, SamplePipeline pipeline,
        Dictionary<string, ChannelRunner> runners, List<IAsyncDisposable> devices)
    {
        Config = config;
        Time = time;
        Store = store;
        Hub = hub;
        Pipeline = pipeline;
        _runners = runners;
        _devices = devices;
    }

    /// <summary>The configuration the rig was built from.</summary>
    public RigConfig Config { get; }

    /// <summary>The daemon clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>The embedded store.</summary>
    public SqliteStore Store { get; }

    /// <summary>Live fan-out of stored records.</summary>
    public StreamHub Hub { get; }

    /// <summary>The path from runners to store and hub.</summary>
    public SamplePipeline Pipeline { get; }

    /// <summary>The beamline (section <c>beamline:</c> of the rig file), or null when the rig has none.</summary>
    public BeamlineRuntime? Beamline { get; private init; }

    /// <summary>The channel runners in configuration order.</summary>
    public IReadOnlyCollection<ChannelRunner> Runners => _runners.Values;

    /// <summary>Builds the rig: opens the store in the data directory and creates the configured devices.</summary>
    public static async Task<RigRuntime> CreateAsync(RigConfig config, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggers);
        var store = await SqliteStore.OpenAsync(Path.Combine(config.DataDirectory, "operando-rig.db"), cancellationToken).ConfigureAwait(false);
        var hub = new StreamHub(store);
        var pipeline = new SamplePipeline(store, hub, loggers.CreateLogger<SamplePipeline>());
        var runners = new Dictionary<string, ChannelRunner>(StringComparer.Ordinal);
        var devices = new List<IAsyncDisposable>();
        var cells = new Dictionary<string, ICellModel>(StringComparer.Ordinal);
        foreach (var c in config.Channels)
        {
            ICellModel cell = c.Cell.Preset is { } preset
                ? new LumpedCellModel(CellPresets.Load(preset) with { InitialStateOfCharge = c.Cell.InitialStateOfCharge })
                : new SimpleTheveninCell(new SimpleTheveninCellParameters
                {
                    CapacityAh = c.Cell.CapacityAh,
                    InitialStateOfCharge = c.Cell.InitialStateOfCharge,
                    TemperatureK = (c.Cell.TemperatureC ?? 25) + 273.15,
                });
            if (cell is LumpedCellModel lumped && c.Cell.TemperatureC is { } celsius)
            {
                lumped.TemperatureK = celsius + 273.15; // a temperature-controlled holder: every rate follows its Arrhenius factor
            }

            cells[c.Id] = cell;
            var channel = new SimulatedChannel(new SimulatedChannelOptions
            {
                ChannelId = c.Id,
                SamplePeriodS = c.SamplePeriodS,
                IntegrationStepS = Math.Min(1.0, c.SamplePeriodS),
                VoltageRangeV = c.VoltageRangeV,
                MaxAbsCurrentA = c.MaxCurrentA,
                Faults = c.Faults ?? [],
            }, cell, time);
            devices.Add(channel);
            await pipeline.InitialiseChannelAsync(c.Id, cancellationToken).ConfigureAwait(false);
            runners[c.Id] = new ChannelRunner(channel, pipeline, store, time, loggers.CreateLogger<ChannelRunner>(), c.Safety);
        }

        var beamline = config.Beamline is { } bl
            ? await BeamlineRuntime.CreateAsync(bl, cells, time, store.Path, new PipelineScanEventSink(pipeline, new LoggingScanEventSink(loggers.CreateLogger<LoggingScanEventSink>())), loggers,
                cancellationToken).ConfigureAwait(false)
            : null;
        return new RigRuntime(config, time, store, hub, pipeline, runners, devices) { Beamline = beamline };
    }

    /// <summary>The runner of <paramref name="channelId"/>; an <see cref="ArgumentException"/> names the known channels otherwise.</summary>
    public ChannelRunner GetRunner(string channelId) =>
        _runners.TryGetValue(channelId ?? "", out var r)
            ? r
            : throw new ArgumentException($"channel_id: '{channelId}' is not a channel of this rig; known: {string.Join(", ", _runners.Keys)}");

    /// <summary>Parses, checks and starts a protocol on a channel; returns the run id.</summary>
    public Task<string> StartProtocolAsync(string channelId, string protocolYaml, string source, CancellationToken cancellationToken)
    {
        var runner = GetRunner(channelId);
        var protocol = ProtocolParser.Parse(protocolYaml, source);
        return runner.StartAsync(protocol, source, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var runner in _runners.Values.Where(r => r.State.IsActive()))
        {
            try
            {
                await runner.StopAsync("the daemon is shutting down", CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidRunStateException)
            {
                // it ended on its own meanwhile
            }
        }

        foreach (var device in _devices)
        {
            await device.DisposeAsync().ConfigureAwait(false);
        }

        if (Beamline is not null)
        {
            await Beamline.DisposeAsync().ConfigureAwait(false);
        }

        await Pipeline.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
