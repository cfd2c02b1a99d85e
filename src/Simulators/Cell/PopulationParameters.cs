namespace OperandoRig.Simulators.Cell;

/// <summary>
/// The active material split into particle populations: a well-connected fraction, a poorly connected fraction
/// (extra ionic/electronic contact resistance, so it lags in SOC) and an isolated fraction that no longer exchanges
/// charge and keeps the SOC it had when it lost contact. Fractions are of all active material and sum to 1.
/// </summary>
public sealed record PopulationParameters
{
    /// <summary>Initial fraction of well-connected active material.</summary>
    public double WellConnectedFraction { get; init; } = 1;

    /// <summary>Initial fraction of poorly connected active material.</summary>
    public double PoorlyConnectedFraction { get; init; }

    /// <summary>Initial fraction of isolated (inaccessible) active material.</summary>
    public double IsolatedFraction { get; init; }

    /// <summary>
    /// Contact resistance of the well-connected network if it held all active material, in ohms; the branch
    /// resistance is this divided by the population's fraction.
    /// </summary>
    public double WellConnectedContactResistanceOhm { get; init; } = 0.1;

    /// <summary>Contact resistance of the poorly connected network if it held all active material, in ohms.</summary>
    public double PoorlyConnectedContactResistanceOhm { get; init; } = 100;

    /// <summary>Checks the fractions sum to one and the resistances.</summary>
    public void Validate()
    {
        Check.Range("Populations." + nameof(WellConnectedFraction), WellConnectedFraction, 1e-6, 1);
        Check.Range("Populations." + nameof(PoorlyConnectedFraction), PoorlyConnectedFraction, 0, 1);
        Check.Range("Populations." + nameof(IsolatedFraction), IsolatedFraction, 0, 1);
        var sum = WellConnectedFraction + PoorlyConnectedFraction + IsolatedFraction;
        Check.Range("Populations fraction sum", sum, 1 - 1e-6, 1 + 1e-6);
        Check.Positive("Populations." + nameof(WellConnectedContactResistanceOhm), WellConnectedContactResistanceOhm);
        Check.Positive("Populations." + nameof(PoorlyConnectedContactResistanceOhm), PoorlyConnectedContactResistanceOhm);
    }
}
