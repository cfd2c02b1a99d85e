namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// Where the beamline simulator learns the local electrochemical state of the sample: the particle populations (with
/// their states of charge) under the beam at a stage position. The cell model is wired to this from outside.
/// </summary>
public interface ISampleStateSource
{
    /// <summary>The populations illuminated with the stage at <paramref name="positionMm"/> (axis name → mm; empty
    /// without a stage). At least one population with a positive fraction.</summary>
    IReadOnlyList<SocPopulation> PopulationsAt(IReadOnlyDictionary<string, double> positionMm);
}
