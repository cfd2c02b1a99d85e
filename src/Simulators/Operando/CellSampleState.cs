using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Operando;

/// <summary>
/// What the beam sees of a simulated cell: the cell model's particle populations (well connected, poorly
/// connected, isolated), each with its own state of charge, in their volume fractions. A spectrum of the
/// cell is therefore a mixture: isolated regions that stay charged when the cell is discharged shift it.
/// The whole electrode is taken as uniform across the stage (one cell per spot). Populations with a
/// negligible fraction (or a non-finite state) are left out.
/// </summary>
public sealed class CellSampleState(LumpedCellModel cell) : ISampleStateSource
{
    /// <inheritdoc />
    public IReadOnlyList<SocPopulation> PopulationsAt(IReadOnlyDictionary<string, double> positionMm)
    {
        var populations = new List<SocPopulation>(3);
        foreach (var p in new[] { cell.WellConnected, cell.PoorlyConnected, cell.Isolated })
        {
            if (p.Fraction > 1e-9 && double.IsFinite(p.StateOfCharge))
            {
                populations.Add(new SocPopulation(p.Fraction, Math.Clamp(p.StateOfCharge, 0, 1)));
            }
        }

        return populations;
    }
}
