using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// What the beam sees on a sample holder with several cells: the cell whose window contains the stage position (in the
/// beam's plane, x and y), or the nearest cell when none does, so spectra follow that cell's state.
/// </summary>
/// <param name="cells">Each holder cell with the source of its state (e.g. <c>CellSampleState</c> on its cell model).</param>
public sealed class HolderSampleState(IReadOnlyList<(HolderCell Cell, ISampleStateSource State)> cells) : ISampleStateSource
{
    /// <summary>The holder cell seen at <paramref name="positionMm"/>.</summary>
    public HolderCell CellAt(IReadOnlyDictionary<string, double> positionMm) => Nearest(positionMm).Cell;

    /// <inheritdoc />
    public IReadOnlyList<SocPopulation> PopulationsAt(IReadOnlyDictionary<string, double> positionMm) => Nearest(positionMm).State.PopulationsAt(positionMm);

    private (HolderCell Cell, ISampleStateSource State) Nearest(IReadOnlyDictionary<string, double> positionMm)
    {
        if (cells.Count == 0)
        {
            throw new InvalidOperationException("the sample holder has no cells");
        }

        return cells.MinBy(c => Distance(c.Cell.CentreMm, positionMm));
    }

    private static double Distance(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        double dx = a.GetValueOrDefault("x") - b.GetValueOrDefault("x");
        double dy = a.GetValueOrDefault("y") - b.GetValueOrDefault("y");
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
