using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Daemon.Beamline;

/// <summary>The dry-run timing model of a simulated beamline, from the same options its devices run on.</summary>
public static class SimulatedTiming
{
    /// <summary>The timing of a beamline built from these options.</summary>
    public static BeamlineTiming From(SimulatedMonochromatorOptions mono, SimulatedStageOptions? stage, IEnumerable<SimulatedDetectorOptions> detectors,
        SimulatedShutterOptions? shutter)
    {
        ArgumentNullException.ThrowIfNull(mono);
        ArgumentNullException.ThrowIfNull(detectors);
        return new BeamlineTiming(
            new MonoTiming(mono.DSpacingAngstrom, mono.AngularVelocityDegPerS, mono.AngularAccelerationDegPerS2, mono.SettleS, mono.BacklashDeg,
                mono.ApproachFromLowerEnergy, mono.EnergyToleranceEv),
            stage?.Axes.ToDictionary(a => a.Name, a => new AxisTiming(a.VelocityMmPerS, a.AccelerationMmPerS2, a.SettleS, a.PositionToleranceMm), StringComparer.Ordinal)
                ?? new Dictionary<string, AxisTiming>(StringComparer.Ordinal),
            detectors.ToDictionary(d => d.Name, d => d.ReadoutS, StringComparer.Ordinal),
            shutter?.MoveTimeS ?? 0);
    }
}
