using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Beamline;

/// <summary>A simulated beamline on a virtual clock with a scan runner on it; points go to memory.</summary>
internal sealed class SimBeamline
{
    /// <summary>A ring that neither decays nor dumps.</summary>
    public static readonly SimulatedRingOptions SteadyRing = new() { LifetimeH = double.PositiveInfinity, TopUpIntervalS = double.PositiveInfinity, RandomDumpsPerHour = 0 };

    public SimBeamline(SimulatedRingOptions? ring = null, ISampleStateSource? state = null, VirtualTimeProvider? clock = null,
        IReadOnlyDictionary<string, IScanSignal>? signals = null, ScanRunnerOptions? options = null, SimulatedShutterOptions? shutter = null)
    {
        Clock = clock ?? new VirtualTimeProvider();
        Ring = new SimulatedRing(ring ?? SteadyRing, Clock);
        Shutter = new SimulatedShutter(shutter ?? new SimulatedShutterOptions(), Clock, Ring);
        Mono = new SimulatedMonochromator(MonoOptions, Clock);
        Stage = new SimulatedStage(StageOptions, Clock);
        Sample = new XanesSample(new XanesSampleOptions(), state ?? Soc);
        BeamOptions = new BeamPathOptions();
        Path = new SimulatedBeamPath(BeamOptions, Ring, Shutter, Mono, Sample, Stage);
        Detector = new SimulatedDetector(DetectorOptions, Path, Clock);
        Timing = SimulatedTiming.From(MonoOptions, StageOptions, [DetectorOptions], shutter ?? new SimulatedShutterOptions());
        Dose = new DoseModel(BeamOptions.FluxAtPeakPhotonsPerS, Ring.NominalCurrentMa, BeamOptions.BeamWidthUm, BeamOptions.BeamHeightUm,
            Sample.Options.ThicknessUm, Sample.Options.DensityGPerCm3);
        Devices = new BeamlineDevices(Mono, Stage, new Dictionary<string, IDetector> { ["det"] = Detector }, Ring, Shutter,
            signals ?? new Dictionary<string, IScanSignal>(), "det.I0", Dose);
        Runner = new ScanRunner(Devices, Points, Events, Clock, NullLogger<ScanRunner>.Instance, options);
    }

    public VirtualTimeProvider Clock { get; }

    public SimulatedMonochromatorOptions MonoOptions { get; } = new();

    public SimulatedStageOptions StageOptions { get; } = new();

    public SimulatedDetectorOptions DetectorOptions { get; } = new() { Name = "det" };

    public BeamlineTiming Timing { get; }

    public SimulatedRing Ring { get; }

    public SimulatedShutter Shutter { get; }

    public SimulatedMonochromator Mono { get; }

    public SimulatedStage Stage { get; }

    public FixedStateOfCharge Soc { get; } = new();

    public XanesSample Sample { get; }

    public BeamPathOptions BeamOptions { get; }

    public SimulatedBeamPath Path { get; }

    public SimulatedDetector Detector { get; }

    public DoseModel Dose { get; }

    public BeamlineDevices Devices { get; }

    public MemoryPointSink Points { get; } = new();

    public MemoryEventSink Events { get; } = new();

    public ScanRunner Runner { get; }

    public ScanResult Run(ScanPlan plan, ScanRequest? request = null) =>
        new SimulationLoop(Clock).Run(ct => Runner.RunAsync(plan, request ?? new ScanRequest("run-1", "scan-1"), ct));

    /// <summary>Seconds of virtual time between <paramref name="t"/> and the clock's start.</summary>
    public double SecondsAt(DateTimeOffset t) => (t - Clock.Start).TotalSeconds;

    /// <summary>True when beam reached the sample through the whole count of <paramref name="p"/>.</summary>
    public bool HadBeamThroughout(ScanPointRecord p)
    {
        var from = DateTimeOffset.UnixEpoch.AddSeconds(p.TimeUnixS);
        var to = from.AddSeconds(p.CountTimeS);
        var open = Shutter.OpenIntervals(from, to);
        double openS = open.Sum(i => (i.To - i.From).TotalSeconds);
        return Ring.FirstDumpBetween(from, to) is null && Ring.BeamAvailableAt(from) && Math.Abs(openS - p.CountTimeS) < 1e-3;
    }
}

/// <summary>Points in memory, numbered per stream.</summary>
internal sealed class MemoryPointSink : IScanPointSink
{
    private readonly Dictionary<string, long> _seq = new(StringComparer.Ordinal);

    public List<ScanPointRecord> Records { get; } = [];

    public List<ScanResult> Scans { get; } = [];

    public ScanPointRecord Publish(ScanPointRecord point)
    {
        lock (Records)
        {
            var seq = _seq.GetValueOrDefault(point.Stream) + 1;
            _seq[point.Stream] = seq;
            var numbered = point with { Seq = seq };
            Records.Add(numbered);
            return numbered;
        }
    }

    public void RecordScan(ScanResult result)
    {
        lock (Records)
        {
            Scans.Add(result);
        }
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Events in memory.</summary>
internal sealed class MemoryEventSink : IScanEventSink
{
    public List<ScanEvent> Events { get; } = [];

    public void Publish(ScanEvent scanEvent)
    {
        lock (Events)
        {
            Events.Add(scanEvent);
        }
    }
}
