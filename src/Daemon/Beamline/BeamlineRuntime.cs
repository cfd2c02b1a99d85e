using Microsoft.Extensions.Logging;
using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Operando;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// The rig's beamline as configured in the <c>beamline:</c> section: the simulated devices on the daemon clock, the
/// sample holder linking stage positions to the channels' cells (spectra follow each cell's state), the dose model and
/// timing model, the scan runner and the scan store.
/// </summary>
public sealed class BeamlineRuntime : IAsyncDisposable
{
    private readonly TimeProvider _time;

    private BeamlineRuntime(BeamlineConfig config, SimulatedRing ring, SimulatedShutter shutter, SimulatedMonochromator mono, SimulatedStage stage,
        IReadOnlyDictionary<string, SimulatedDetector> detectors, BeamlineDevices devices, BeamlineTiming timing, ScanRunner runner, ScanStore store,
        TimeProvider time)
    {
        _time = time;
        Config = config;
        Ring = ring;
        Shutter = shutter;
        Mono = mono;
        Stage = stage;
        Detectors = detectors;
        Devices = devices;
        Timing = timing;
        Runner = runner;
        Store = store;
    }

    /// <summary>The configuration.</summary>
    public BeamlineConfig Config { get; }

    /// <summary>The simulated storage ring.</summary>
    public SimulatedRing Ring { get; }

    /// <summary>The simulated shutter.</summary>
    public SimulatedShutter Shutter { get; }

    /// <summary>The simulated monochromator.</summary>
    public SimulatedMonochromator Mono { get; }

    /// <summary>The simulated sample stage.</summary>
    public SimulatedStage Stage { get; }

    /// <summary>The simulated detectors by name.</summary>
    public IReadOnlyDictionary<string, SimulatedDetector> Detectors { get; }

    /// <summary>The devices as the runner sees them.</summary>
    public BeamlineDevices Devices { get; }

    /// <summary>The dry-run timing model.</summary>
    public BeamlineTiming Timing { get; }

    /// <summary>The scan runner.</summary>
    public ScanRunner Runner { get; }

    /// <summary>Where points and scan summaries are stored.</summary>
    public ScanStore Store { get; }

    /// <summary>Builds the beamline on <paramref name="time"/>, with the holder's cells from <paramref name="cells"/> (channel id → cell model),
    /// storing scans in the SQLite file at <paramref name="databasePath"/>.</summary>
    public static async Task<BeamlineRuntime> CreateAsync(BeamlineConfig config, IReadOnlyDictionary<string, ICellModel> cells, TimeProvider time,
        string databasePath, IScanEventSink events, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(loggers);
        var ring = new SimulatedRing(config.Ring, time);
        var shutter = new SimulatedShutter(config.Shutter, time, ring);
        var mono = new SimulatedMonochromator(config.Mono, time);
        var stage = new SimulatedStage(config.Stage, time);
        ISampleStateSource state = config.Holder.Count == 0
            ? new FixedStateOfCharge()
            : new HolderSampleState([.. config.Holder.Select(h => (h, SampleStateOf(cells[h.ChannelId], h, config)))]);
        var sample = new XanesSample(config.Sample, state);
        var path = new SimulatedBeamPath(config.Beam, ring, shutter, mono, sample, stage);
        var detectors = config.Detectors.ToDictionary(d => d.Name, d => new SimulatedDetector(d, path, time), StringComparer.Ordinal);
        var dose = new DoseModel(config.Beam.FluxAtPeakPhotonsPerS, config.Ring.NominalCurrentMa, config.Beam.BeamWidthUm, config.Beam.BeamHeightUm,
            config.Sample.ThicknessUm, config.Sample.DensityGPerCm3, config.AbsorbedFraction);
        var devices = new BeamlineDevices(mono, stage, detectors.ToDictionary(p => p.Key, p => (IDetector)p.Value, StringComparer.Ordinal), ring, shutter,
            new Dictionary<string, IScanSignal>(StringComparer.Ordinal), config.I0Channel, dose);
        var store = await ScanStore.OpenAsync(databasePath, loggers.CreateLogger<ScanStore>(), cancellationToken).ConfigureAwait(false);
        var runner = new ScanRunner(devices, store, events, time, loggers.CreateLogger<ScanRunner>());
        var timing = SimulatedTiming.From(config.Mono, config.Stage, config.Detectors, config.Shutter);
        return new BeamlineRuntime(config, ring, shutter, mono, stage, detectors, devices, timing, runner, store, time);
    }

    /// <summary>The named spots of the cell cycled on <paramref name="channelId"/>.</summary>
    /// <exception cref="ArgumentException">The channel's cell is not on the holder.</exception>
    public IReadOnlyList<ScanPosition> SpotsOf(string channelId) =>
        Config.Holder.FirstOrDefault(h => h.ChannelId == channelId)?.Spots
        ?? throw new ArgumentException($"channel '{channelId}' has no cell on the sample holder; cells: {string.Join(", ", Config.Holder.Select(h => h.ChannelId))}");

    /// <summary>Checks and dry-runs <paramref name="plan"/> for <paramref name="request"/> from where the devices are now (only their simulated
    /// physical state is read; nothing is commanded).</summary>
    public DryRunResult DryRun(ScanPlan plan, ScanRequest request)
    {
        var effective = ScanRunner.Effective(plan, request);
        ScanChecker.Check(effective, Devices);
        var now = _time.GetUtcNow();
        return ScanDryRun.Estimate(effective, Timing, Devices.Dose, Mono.EnergyEvAt(now), Stage.PositionsMmAt(now));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Store.DisposeAsync();

    /// <summary>What the beam sees of <paramref name="cell"/>: with <c>sample.particles</c> configured, the particles under the
    /// footprint (map origin at the cell's window centre, one map per channel); otherwise the electrode's mixture.</summary>
    public static ISampleStateSource SampleStateOf(ICellModel cell, HolderCell holder, BeamlineConfig config)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(config);
        if (cell is not LumpedCellModel lumped)
        {
            return DelegateSampleStateSource.Uniform(() => cell.StateOfCharge);
        }

        var mixture = new CellSampleState(lumped);
        return config.ParticleDiameterUm is { } particleUm
            ? new ParticleMapSampleState(mixture, new ParticleMapOptions
            {
                ParticleDiameterUm = particleUm,
                FootprintWidthUm = config.Beam.BeamWidthUm,
                FootprintHeightUm = config.Beam.BeamHeightUm,
                OriginXMm = holder.CentreMm.GetValueOrDefault("x"),
                OriginYMm = holder.CentreMm.GetValueOrDefault("y"),
                Seed = StableSeed(holder.ChannelId),
            })
            : mixture;
    }

    /// <summary>FNV-1a of the channel id: the same map for the same channel on every start.</summary>
    private static long StableSeed(string channelId)
    {
        ulong h = 14695981039346656037UL;
        foreach (var c in channelId)
        {
            h = unchecked((h ^ c) * 1099511628211UL);
        }

        return unchecked((long)h);
    }
}
