namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// The sample's X-ray absorption: μt(E) = (μt_bg + Δμt · n̄(E)) · (E₀/E)³, where n̄ is the fraction-weighted mean of
/// the edge's normalised absorption over the particle populations under the beam, each at its own state of charge.
/// </summary>
public sealed class XanesSample
{
    /// <summary>Creates the sample.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="state">Where the local state of charge comes from.</param>
    public XanesSample(XanesSampleOptions options, ISampleStateSource state)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        options.Validate();
        Options = options;
        State = state;
    }

    /// <summary>The sample's settings.</summary>
    public XanesSampleOptions Options { get; }

    /// <summary>The source of the local state of charge.</summary>
    public ISampleStateSource State { get; }

    /// <summary>Absorption at <paramref name="energyEv"/> with the stage at <paramref name="positionMm"/>.</summary>
    public SampleAbsorption AbsorptionAt(double energyEv, IReadOnlyDictionary<string, double> positionMm) =>
        AbsorptionAt(energyEv, State.PopulationsAt(positionMm));

    /// <summary>Absorption at <paramref name="energyEv"/> of a mixture of <paramref name="populations"/>.</summary>
    /// <exception cref="ArgumentException">No population has a positive fraction, or a value is not finite.</exception>
    public SampleAbsorption AbsorptionAt(double energyEv, IReadOnlyList<SocPopulation> populations)
    {
        ArgumentNullException.ThrowIfNull(populations);
        double weight = 0;
        double sum = 0;
        foreach (var p in populations)
        {
            if (!(p.Fraction >= 0) || !double.IsFinite(p.StateOfCharge))
            {
                throw new ArgumentException($"sample state: invalid population {p}", nameof(populations));
            }

            weight += p.Fraction;
            sum += p.Fraction * Options.Edge.NormalizedAbsorption(energyEv, p.StateOfCharge);
        }

        if (!(weight > 0))
        {
            throw new ArgumentException("sample state: no population with a positive fraction under the beam", nameof(populations));
        }

        double falloff = Math.Pow(Options.Edge.EnergyEv / energyEv, 3);
        double edge = Options.EdgeStepMuT * (sum / weight) * falloff;
        return new SampleAbsorption((Options.BackgroundMuT * falloff) + edge, edge);
    }
}
