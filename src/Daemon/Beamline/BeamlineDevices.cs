using OperandoRig.Drivers.Abstractions.Beamline;

namespace OperandoRig.Daemon.Beamline;

/// <summary>The beamline devices a scan runs on.</summary>
/// <param name="Mono">The monochromator.</param>
/// <param name="Stage">The sample stage, if any.</param>
/// <param name="Detectors">Detectors by name.</param>
/// <param name="Ring">The storage-ring status, if any.</param>
/// <param name="Shutter">The beam shutter, if any.</param>
/// <param name="Signals">Further signals band suspenders can watch, by name.</param>
/// <param name="I0Channel">The incident-flux monitor as <c>detector.channel</c> (e.g. <c>det.I0</c>), if any.</param>
/// <param name="Dose">How the daemon books dose per spot; null: no dose accounting (plans with a dose budget are refused).</param>
public sealed record BeamlineDevices(
    IEnergyAxis Mono,
    IStage? Stage,
    IReadOnlyDictionary<string, IDetector> Detectors,
    IBeamStatus? Ring,
    IShutter? Shutter,
    IReadOnlyDictionary<string, IScanSignal> Signals,
    string? I0Channel,
    DoseModel? Dose);
