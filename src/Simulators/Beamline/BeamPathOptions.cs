namespace OperandoRig.Simulators.Beamline;

/// <summary>Source and optics between the ring and the sample; defaults resemble a focused hard X-ray microprobe.</summary>
public sealed record BeamPathOptions
{
    /// <summary>Photons per second on the sample at the throughput peak and the nominal ring current.
    /// <value>1e9 photons/s</value></summary>
    public double FluxAtPeakPhotonsPerS { get; init; } = 1e9;

    /// <summary>Energy of the highest undulator-plus-monochromator throughput, eV. <value>9000 eV</value></summary>
    public double ThroughputPeakEv { get; init; } = 9000;

    /// <summary>Width w of the throughput curve S(E) = exp(−ln²(E/E_peak) / 2w²), in units of ln E.
    /// <value>0.5 (S = 0.99 at Ni K, 0.76 at 6.5 keV)</value></summary>
    public double ThroughputLogWidth { get; init; } = 0.5;

    /// <summary>Beam footprint width on the sample, µm; also the grid on which dose is booked per spot. <value>5 µm</value></summary>
    public double BeamWidthUm { get; init; } = 5;

    /// <summary>Beam footprint height on the sample, µm. <value>5 µm</value></summary>
    public double BeamHeightUm { get; init; } = 5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Positive(FluxAtPeakPhotonsPerS, $"beam.{nameof(FluxAtPeakPhotonsPerS)}", "photons/s");
        OptionsCheck.Positive(ThroughputPeakEv, $"beam.{nameof(ThroughputPeakEv)}", "eV");
        OptionsCheck.Positive(ThroughputLogWidth, $"beam.{nameof(ThroughputLogWidth)}", string.Empty);
        OptionsCheck.Positive(BeamWidthUm, $"beam.{nameof(BeamWidthUm)}", "µm");
        OptionsCheck.Positive(BeamHeightUm, $"beam.{nameof(BeamHeightUm)}", "µm");
    }
}
