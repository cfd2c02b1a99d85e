using System.Globalization;

namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>Settings of a <see cref="CycleAnalyzer"/>.</summary>
public sealed record CycleAnalyzerOptions
{
    /// <summary>Which half-cycle comes first; sets the coulombic-efficiency convention. Default: charge first.</summary>
    public CycleConvention Convention { get; init; } = CycleConvention.ChargeFirst;

    /// <summary>
    /// Active mass of the working electrode in kilograms (8.89 mg = 8.89e-6 kg), or null when unknown;
    /// when given, summaries carry specific capacities in mAh/g.
    /// </summary>
    public double? ActiveMassKg { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Convention))
        {
            throw new ArgumentOutOfRangeException(nameof(Convention), Convention,
                $"{nameof(Convention)}: {Convention} is not one of {string.Join(", ", Enum.GetNames<CycleConvention>())}");
        }

        if (ActiveMassKg is { } m && (!(m > 0) || m > 1 || double.IsInfinity(m)))
        {
            throw new ArgumentOutOfRangeException(nameof(ActiveMassKg), m,
                string.Create(CultureInfo.InvariantCulture, $"{nameof(ActiveMassKg)}: {m} kg must be above 0 kg and at most 1 kg (8.89 mg = 8.89e-6 kg)"));
        }
    }
}
