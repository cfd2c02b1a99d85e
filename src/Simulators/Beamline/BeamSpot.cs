using System.Globalization;

namespace OperandoRig.Simulators.Beamline;

/// <summary>A spot on the sample: the stage position snapped to a grid of the beam size, named like
/// <c>x=10 µm, y=-5 µm</c> (<c>fixed</c> without a stage).</summary>
/// <param name="Id">The spot's name.</param>
public readonly record struct BeamSpot(string Id)
{
    /// <summary>The spot containing <paramref name="positionMm"/> on a grid of <paramref name="gridUm"/>.</summary>
    public static BeamSpot At(IReadOnlyDictionary<string, double> positionMm, double gridUm)
    {
        ArgumentNullException.ThrowIfNull(positionMm);
        if (positionMm.Count == 0)
        {
            return new("fixed");
        }

        return new(string.Join(", ", positionMm.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Key}={Math.Round(p.Value * 1000 / gridUm) * gridUm:0.###} µm"))));
    }

    /// <inheritdoc />
    public override string ToString() => Id;
}
