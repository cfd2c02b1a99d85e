namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// The physics linking the simulated devices: photons on the sample during [t₀, t₁] are
/// Φ_peak · S(E) · ∫ I_ring dt / I_nominal over the stretches when the shutter is open and the ring delivers beam,
/// at the monochromator's energy and the stage's spot, on the sample's absorption there. Reads the devices' physical
/// state directly, so a device whose control link has a fault still passes beam as it physically would.
/// </summary>
public sealed class SimulatedBeamPath
{
    private static readonly IReadOnlyDictionary<string, double> NoStage = new Dictionary<string, double>();
    private readonly SimulatedRing _ring;
    private readonly SimulatedShutter _shutter;
    private readonly SimulatedMonochromator _mono;
    private readonly SimulatedStage? _stage;

    /// <summary>Assembles the beam path.</summary>
    /// <param name="options">Source and optics settings; validated here.</param>
    /// <param name="ring">The storage ring.</param>
    /// <param name="shutter">The shutter in front of the sample.</param>
    /// <param name="mono">The monochromator.</param>
    /// <param name="sample">The sample in the beam.</param>
    /// <param name="stage">The sample stage, if any (selects the spot).</param>
    public SimulatedBeamPath(
        BeamPathOptions options, SimulatedRing ring, SimulatedShutter shutter, SimulatedMonochromator mono, XanesSample sample, SimulatedStage? stage = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(shutter);
        ArgumentNullException.ThrowIfNull(mono);
        ArgumentNullException.ThrowIfNull(sample);
        options.Validate();
        Options = options;
        _ring = ring;
        _shutter = shutter;
        _mono = mono;
        Sample = sample;
        _stage = stage;
    }

    /// <summary>Source and optics settings.</summary>
    public BeamPathOptions Options { get; }

    /// <summary>The sample in the beam.</summary>
    public XanesSample Sample { get; }

    /// <summary>S(E), the relative throughput of source and optics at <paramref name="energyEv"/> (1 at the peak).</summary>
    public double Throughput(double energyEv)
    {
        double l = Math.Log(energyEv / Options.ThroughputPeakEv) / Options.ThroughputLogWidth;
        return Math.Exp(-0.5 * l * l);
    }

    /// <summary>What reaches the sample from <paramref name="from"/> to <paramref name="to"/>; energy and spot are taken
    /// at <paramref name="from"/> (nothing moves while counting).</summary>
    public Exposure Expose(DateTimeOffset from, DateTimeOffset to)
    {
        double energyEv = _mono.EnergyEvAt(from);
        var position = _stage?.PositionsMmAt(from) ?? NoStage;
        double chargeMaS = 0;
        foreach (var (a, b) in _shutter.OpenIntervals(from, to))
        {
            chargeMaS += _ring.DeliveredChargeMaS(a, b);
        }

        double photons = Options.FluxAtPeakPhotonsPerS * Throughput(energyEv) * chargeMaS / _ring.NominalCurrentMa;
        return new Exposure(photons, energyEv, Sample.AbsorptionAt(energyEv, position), position);
    }
}
