using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Daemon.Beamline;

/// <summary>The rig file's <c>beamline:</c> section: the (simulated) beamline devices, the sample holder, dose model.</summary>
/// <param name="Driver"><c>simulated</c> (the only driver so far).</param>
/// <param name="Mono">Monochromator settings.</param>
/// <param name="Stage">Sample stage settings.</param>
/// <param name="Ring">Storage ring settings.</param>
/// <param name="Shutter">Shutter settings.</param>
/// <param name="Detectors">Detectors.</param>
/// <param name="Beam">Source and optics (flux, footprint).</param>
/// <param name="Sample">The absorbing sample (edge, thickness, density).</param>
/// <param name="I0Channel">The incident-flux monitor as <c>detector.channel</c>.</param>
/// <param name="AbsorbedFraction">The dose model's absorbed fraction (1: the safe bound).</param>
/// <param name="Holder">Which channel's cell sits where on the stage, with its named spots.</param>
public sealed record BeamlineConfig(
    string Driver,
    SimulatedMonochromatorOptions Mono,
    SimulatedStageOptions Stage,
    SimulatedRingOptions Ring,
    SimulatedShutterOptions Shutter,
    IReadOnlyList<SimulatedDetectorOptions> Detectors,
    BeamPathOptions Beam,
    XanesSampleOptions Sample,
    string? I0Channel,
    double AbsorbedFraction,
    IReadOnlyList<HolderCell> Holder)
{
    /// <summary>Secondary particle size of the simulated electrodes (key <c>sample.particles</c>), µm: the beam's footprint sees
    /// the particles it overlaps, each in its own population (an isolated particle does not cycle). Null: every position
    /// sees the whole electrode's mixture.</summary>
    public double? ParticleDiameterUm { get; init; }
}

/// <summary>A cell on the sample holder.</summary>
/// <param name="ChannelId">The potentiostat channel cycling it.</param>
/// <param name="CentreMm">The stage position of its window's centre, by axis.</param>
/// <param name="RadiusMm">The window's radius: stage positions within it see this cell.</param>
/// <param name="Spots">Its named spots, absolute stage positions (given relative to the centre in the file).</param>
public sealed record HolderCell(string ChannelId, IReadOnlyDictionary<string, double> CentreMm, double RadiusMm, IReadOnlyList<ScanPosition> Spots);
