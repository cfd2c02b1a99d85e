// The scan runner's overhead per point: what the daemon spends beyond the simulated move, settle and count.
// On the virtual clock simulated waits cost no real time, so the wall time of a point is the daemon's work (suspender
// checks, dose bookkeeping, move decisions, detector fan-in, tagging, numbering and queueing the point for SQLite)
// plus the simulator's own computing. Baseline, measured in the same run on the same simulated beamline: the same
// points as bare device calls (mono move, detector trigger) with nothing else. The overhead is the runner's time per
// point minus the baseline's. Prints figures; asserts nothing. Goal: median overhead <= 1 ms per point.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Time;

var sweeps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var plan = ScanPlanParser.Parse(string.Create(CultureInfo.InvariantCulture, $"""
    name: bench-exafs
    edge: Ni K
    regions:
      - {"{"} from: -150 eV, to: -20 eV, step: 5 eV, count: 1 s {"}"}
      - {"{"} from: -20 eV, to: 40 eV, step: 0.5 eV, count: 1 s {"}"}
      - {"{"} from: 3.3 Å⁻¹, to: 12 Å⁻¹, step: 0.05 Å⁻¹, count: 1 s, k_weight: 2, max_count: 8 s {"}"}
    sweeps: {sweeps}
    detectors: [det]
    settle: 20 ms
    spots: [{"{"} name: A, x: 0 mm, y: 0 mm {"}"}, {"{"} name: B, x: 0.2 mm, y: 0 mm {"}"}]
    suspenders:
      ring_current: {"{"} below: 250 mA, resume_at: 290 mA, settle: 60 s {"}"}
      shutter: {"{"} settle: 2 s, open_on_resume: true {"}"}
    """), "bench.yaml");

var dbPath = Path.Combine(Path.GetTempPath(), $"scanbench-{Environment.ProcessId}.db");
await using var store = await ScanStore.OpenAsync(dbPath, NullLogger<ScanStore>.Instance, CancellationToken.None);

Measure(plan, store, warmUp: true);
var (runner, virtualPerPointS, deadTime) = Measure(plan, store, warmUp: false);
var bare = Bare(plan);
await store.FlushAsync(CancellationToken.None);

double runnerMedian = Percentile(runner, 0.5), runnerP95 = Percentile(runner, 0.95);
double bareMedian = Percentile(bare, 0.5), bareP95 = Percentile(bare, 0.95);
var overhead = runner.Select(r => r - bareMedian).ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ScanBench: {runner.Length} timed points ({plan.Energies.Count} energies x {sweeps} sweeps x 2 spots), ring and shutter suspenders, points stored in SQLite"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  simulated time per point (move + settle + count + read-out): {virtualPerPointS * 1e3:F1} ms (dead time {deadTime.DeadFraction:P1}; daemon overhead on the virtual clock {deadTime.OverheadS:G3} s)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  runner, wall time per point:        median {runnerMedian * 1e3:F3} ms, p95 {runnerP95 * 1e3:F3} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline (bare device calls):       median {bareMedian * 1e3:F3} ms, p95 {bareP95 * 1e3:F3} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  daemon overhead per point:          median {Percentile(overhead, 0.5) * 1e3:F3} ms, p95 {Percentile(overhead, 0.95) * 1e3:F3} ms (goal: median <= 1 ms)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio runner / baseline (median):   {runnerMedian / bareMedian:F2}"));
File.Delete(dbPath);
return;

static (double[] WallPerPointS, double VirtualPerPointS, DeadTimeBreakdown DeadTime) Measure(ScanPlan plan, ScanStore store, bool warmUp)
{
    var rig = new Rig();
    var sink = new TimingSink(store, plan.PointCount);
    var runner = new ScanRunner(rig.Devices, sink, new NullEvents(), rig.Clock, NullLogger<ScanRunner>.Instance);
    var result = new SimulationLoop(rig.Clock).Run(ct => runner.RunAsync(plan, new ScanRequest("bench", warmUp ? "warm-up" : "bench"), ct));
    if (result.EndReason != ScanEndReason.Completed)
    {
        throw new InvalidOperationException(result.Message);
    }

    var d = result.DeadTime;
    return (sink.Intervals(), (d.TotalS - d.SuspendedS) / result.Points.Count, d);
}

// The same points as bare device calls on a fresh simulated beamline: move where needed, trigger, nothing else.
static double[] Bare(ScanPlan plan)
{
    var rig = new Rig();
    var points = plan.Expand();
    var stamps = new long[points.Count + 1];
    new SimulationLoop(rig.Clock).Run(async ct =>
    {
        await rig.Shutter.OpenAsync(ct);
        double? energy = null;
        ScanPosition? position = null;
        stamps[0] = Stopwatch.GetTimestamp();
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (energy != p.Energy.EnergyEv)
            {
                await rig.Mono.MoveAsync(p.Energy.EnergyEv, ct);
                energy = p.Energy.EnergyEv;
            }

            if (!ReferenceEquals(position, p.Position))
            {
                await rig.Stage.MoveToAsync(p.Position.PositionsMm, ct);
                position = p.Position;
            }

            await Task.Delay(TimeSpan.FromSeconds(plan.SettleS), rig.Clock, ct);
            await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(p.Energy.CountTimeS), ct);
            stamps[i + 1] = Stopwatch.GetTimestamp();
        }
    });
    return [.. stamps.Zip(stamps.Skip(1), (a, b) => (b - a) / (double)Stopwatch.Frequency)];
}

static double Percentile(double[] values, double q)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Round(q * (sorted.Length - 1)), 0, sorted.Length - 1)];
}

/// <summary>A simulated beamline with a steady ring.</summary>
internal sealed class Rig
{
    public Rig()
    {
        Ring = new SimulatedRing(new SimulatedRingOptions { LifetimeH = 10, TopUpIntervalS = 600, RandomDumpsPerHour = 0 }, Clock);
        Shutter = new SimulatedShutter(new SimulatedShutterOptions(), Clock, Ring);
        Mono = new SimulatedMonochromator(new SimulatedMonochromatorOptions(), Clock);
        Stage = new SimulatedStage(new SimulatedStageOptions(), Clock);
        var beam = new BeamPathOptions();
        var sample = new XanesSample(new XanesSampleOptions(), new FixedStateOfCharge(0.5));
        Detector = new SimulatedDetector(new SimulatedDetectorOptions(), new SimulatedBeamPath(beam, Ring, Shutter, Mono, sample, Stage), Clock);
        Devices = new BeamlineDevices(Mono, Stage, new Dictionary<string, IDetector> { ["det"] = Detector }, Ring, Shutter,
            new Dictionary<string, IScanSignal>(), "det.I0",
            new DoseModel(beam.FluxAtPeakPhotonsPerS, Ring.NominalCurrentMa, beam.BeamWidthUm, beam.BeamHeightUm, sample.Options.ThicknessUm, sample.Options.DensityGPerCm3));
    }

    public VirtualTimeProvider Clock { get; } = new();

    public SimulatedRing Ring { get; }

    public SimulatedShutter Shutter { get; }

    public SimulatedMonochromator Mono { get; }

    public SimulatedStage Stage { get; }

    public SimulatedDetector Detector { get; }

    public BeamlineDevices Devices { get; }
}

/// <summary>Stamps the wall clock at every stored point, then hands it to the real store.</summary>
internal sealed class TimingSink(ScanStore store, int capacity) : IScanPointSink
{
    private readonly List<long> _stamps = new(capacity + 1) { Stopwatch.GetTimestamp() };

    public ScanPointRecord Publish(ScanPointRecord point)
    {
        _stamps.Add(Stopwatch.GetTimestamp());
        return store.Publish(point);
    }

    public void RecordScan(ScanResult result) => store.RecordScan(result);

    public Task FlushAsync(CancellationToken cancellationToken) => store.FlushAsync(cancellationToken);

    /// <summary>Wall time of each point, s (the first includes opening the shutter).</summary>
    public double[] Intervals() => [.. _stamps.Zip(_stamps.Skip(1), (a, b) => (b - a) / (double)Stopwatch.Frequency).Skip(1)];
}

internal sealed class NullEvents : IScanEventSink
{
    public void Publish(ScanEvent scanEvent)
    {
    }
}
