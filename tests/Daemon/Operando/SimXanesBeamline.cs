using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Beamline;
using OperandoRig.Daemon.Operando;
using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Operando;

namespace OperandoRig.Daemon.Tests.Operando;

/// <summary>
/// A simulated XANES beamline (steady ring, shutter, Bragg monochromator, stage, transmission detector) on the rig's
/// clock, whose sample is a live cell model (the beam sees its particle populations), with the beamline's ScanRunner
/// and an operando executor over named spots on the holder (x = 0 and 0.5 mm).
/// </summary>
internal sealed class SimXanesBeamline
{
    public SimXanesBeamline(TimeProvider clock, LumpedCellModel cell, IReadOnlyDictionary<string, string> scanPlanFiles)
        : this(clock, new CellSampleState(cell), scanPlanFiles, Spots)
    {
    }

    /// <summary>The beamline with the sample seen through <paramref name="state"/> and the named <paramref name="spots"/>.</summary>
    public SimXanesBeamline(TimeProvider clock, ISampleStateSource state, IReadOnlyDictionary<string, string> scanPlanFiles, IReadOnlyDictionary<string, ScanPosition> spots)
    {
        var steady = new SimulatedRingOptions { LifetimeH = double.PositiveInfinity, TopUpIntervalS = double.PositiveInfinity, RandomDumpsPerHour = 0 };
        var ring = new SimulatedRing(steady, clock);
        var shutter = new SimulatedShutter(new SimulatedShutterOptions(), clock, ring);
        var mono = new SimulatedMonochromator(new SimulatedMonochromatorOptions(), clock);
        var stage = new SimulatedStage(new SimulatedStageOptions(), clock);
        var sample = new XanesSample(new XanesSampleOptions(), state);
        var path = new SimulatedBeamPath(new BeamPathOptions(), ring, shutter, mono, sample, stage);
        var detector = new SimulatedDetector(new SimulatedDetectorOptions(), path, clock);
        var devices = new BeamlineDevices(mono, stage, new Dictionary<string, IDetector> { ["det"] = detector }, ring, shutter,
            new Dictionary<string, IScanSignal>(), "det.I0", null);
        Runner = new ScanRunner(devices, Sink, Sink, clock, NullLogger<ScanRunner>.Instance);
        var plans = scanPlanFiles.ToDictionary(kv => kv.Key, kv => ScanPlanParser.Load(kv.Value), StringComparer.Ordinal);
        Executor = new BeamlineScanExecutor(Runner, plans, spots);
    }

    public static IReadOnlyDictionary<string, ScanPosition> Spots { get; } = new Dictionary<string, ScanPosition>(StringComparer.Ordinal)
    {
        ["ch1.A"] = new("ch1.A", new Dictionary<string, double> { ["x"] = 0.0 }),
        ["ch1.B"] = new("ch1.B", new Dictionary<string, double> { ["x"] = 0.5 }),
    };

    public RecordingPointSink Sink { get; } = new();

    public ScanRunner Runner { get; }

    public BeamlineScanExecutor Executor { get; }
}
