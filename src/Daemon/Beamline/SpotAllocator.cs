using System.Globalization;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// Keeps every spot within its dose budget: books dose per spot, and before an exposure gives the spot it may go on
/// (the position's present spot if the exposure fits, else the next fresh spot). Shared by the runner and the dry run,
/// so both change spots at the same points.
/// </summary>
internal sealed class SpotAllocator(ScanPlan plan)
{
    private readonly ScanPosition[] _current = [.. plan.Positions.Count > 0 ? plan.Positions : [ScanPosition.Here]];
    private readonly Queue<ScanPosition> _spares = new(plan.Spares);

    public Dictionary<string, double> DoseGy { get; } = new(StringComparer.Ordinal);

    public int SpotChanges { get; private set; }

    /// <summary>The spot for an exposure of <paramref name="doseGy"/> at plan position <paramref name="positionIndex"/>,
    /// with a sentence for every spot change (<paramref name="changes"/>); null with the reason when no spot is left.</summary>
    public ScanPosition? Allocate(int positionIndex, double doseGy, List<(string From, string To, double SpentGy, string Message)> changes, out string? exhausted)
    {
        exhausted = null;
        var position = _current[positionIndex];
        if (plan.DoseBudgetGy is not { } budget)
        {
            return position;
        }

        while (DoseGy.GetValueOrDefault(position.Name) + doseGy > budget)
        {
            double spent = DoseGy.GetValueOrDefault(position.Name);
            if (!_spares.TryDequeue(out var fresh))
            {
                exhausted = string.Create(CultureInfo.InvariantCulture,
                    $"spot {position.Name} has {spent:G4} Gy of its {budget:G4} Gy budget; the next count ({doseGy:G4} Gy) does not fit and no fresh spot is left");
                return null;
            }

            SpotChanges++;
            changes.Add((position.Name, fresh.Name, spent, string.Create(CultureInfo.InvariantCulture,
                $"spot {position.Name} has {spent:G4} Gy of its {budget:G4} Gy budget; the next count ({doseGy:G4} Gy) moves to fresh spot {fresh.Name}")));
            _current[positionIndex] = position = fresh;
        }

        return position;
    }

    /// <summary>Books an exposure on <paramref name="spot"/>.</summary>
    public void Book(ScanPosition spot, double doseGy) => DoseGy[spot.Name] = DoseGy.GetValueOrDefault(spot.Name) + doseGy;
}
