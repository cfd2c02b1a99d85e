namespace OperandoRig.Simulators.Beamline;

/// <summary>A sample whose state of charge is set directly (the same at every spot): for tests and rehearsals
/// without a cell model.</summary>
public sealed class FixedStateOfCharge : ISampleStateSource
{
    private volatile IReadOnlyList<SocPopulation> _populations;

    /// <summary>Creates a sample with one population at <paramref name="stateOfCharge"/>.</summary>
    public FixedStateOfCharge(double stateOfCharge = 0) => _populations = [new(1, stateOfCharge)];

    /// <summary>The state of charge of a single uniform population, 0..1; setting it replaces any mixture.</summary>
    public double StateOfCharge
    {
        get => _populations.Sum(p => p.Fraction * p.StateOfCharge) / _populations.Sum(p => p.Fraction);
        set => _populations = [new(1, value)];
    }

    /// <summary>A mixture of populations seen at every spot.</summary>
    public IReadOnlyList<SocPopulation> Populations
    {
        get => _populations;
        set => _populations = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc />
    public IReadOnlyList<SocPopulation> PopulationsAt(IReadOnlyDictionary<string, double> positionMm) => _populations;
}
