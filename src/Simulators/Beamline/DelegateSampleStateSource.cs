namespace OperandoRig.Simulators.Beamline;

/// <summary>A sample state given by a function of the stage position, e.g. a SOC gradient across an electrode or a
/// live cell model's particle populations.</summary>
/// <param name="populationsAt">Returns the populations under the beam at a stage position (axis name → mm).</param>
public sealed class DelegateSampleStateSource(Func<IReadOnlyDictionary<string, double>, IReadOnlyList<SocPopulation>> populationsAt)
    : ISampleStateSource
{
    private readonly Func<IReadOnlyDictionary<string, double>, IReadOnlyList<SocPopulation>> _populationsAt =
        populationsAt ?? throw new ArgumentNullException(nameof(populationsAt));

    /// <summary>A source with one population whose state of charge is <paramref name="stateOfCharge"/>() everywhere.</summary>
    public static DelegateSampleStateSource Uniform(Func<double> stateOfCharge)
    {
        ArgumentNullException.ThrowIfNull(stateOfCharge);
        return new(_ => [new SocPopulation(1, stateOfCharge())]);
    }

    /// <inheritdoc />
    public IReadOnlyList<SocPopulation> PopulationsAt(IReadOnlyDictionary<string, double> positionMm) => _populationsAt(positionMm);
}
