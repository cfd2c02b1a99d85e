using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Operando;

/// <summary>
/// What the beam sees of a simulated cell: the cell model's particle populations (well connected, poorly
/// connected, isolated), each with its own state of charge, in their volume fractions. A spectrum of the
/// cell is therefore a mixture: isolated regions that stay charged when the cell is discharged shift it.
/// The whole electrode is taken as uniform across the stage (one cell per spot). Populations with a
/// negligible fraction (or a non-finite state) are left out.
/// <para>
/// The edge's state of charge is the transition metal's oxidation, calibrated to the electrode's practical window
/// rather than its theoretical capacity: 0 is the lithiated (open-circuit) state and 1 the state of charge at which the
/// cathode's open-circuit potential reaches <see cref="FullChargePotentialVsLiV"/> (4.2 V vs Li⁺/Li by default, where
/// Ni²⁺/³⁺ → Ni⁴⁺ is complete and the Ni K edge has moved by its ≈ 3 eV; Ni-rich layered oxides reach it at about 88 %
/// of their theoretical capacity). A particle's state of charge is scaled by that and clamped to 0..1.
/// </para>
/// </summary>
public sealed class CellSampleState : ISampleStateSource
{
    /// <summary>The cathode potential of the edge's full shift, V vs Li⁺/Li.</summary>
    public const double DefaultFullChargePotentialVsLiV = 4.2;

    private readonly LumpedCellModel _cell;

    /// <summary>Follows <paramref name="cell"/>; the edge's full shift is reached at <paramref name="fullChargePotentialVsLiV"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The potential is outside the cell's open-circuit curve.</exception>
    public CellSampleState(LumpedCellModel cell, double fullChargePotentialVsLiV = DefaultFullChargePotentialVsLiV)
    {
        ArgumentNullException.ThrowIfNull(cell);
        _cell = cell;
        FullChargePotentialVsLiV = fullChargePotentialVsLiV;
        FullChargeSoc = SocAtPotential(cell.Parameters.Ocv, fullChargePotentialVsLiV);
    }

    /// <summary>The cathode potential (vs Li⁺/Li) at which the edge has its full shift, V.</summary>
    public double FullChargePotentialVsLiV { get; }

    /// <summary>The cell model's state of charge (of the theoretical capacity) at <see cref="FullChargePotentialVsLiV"/>.</summary>
    public double FullChargeSoc { get; }

    /// <summary>The cell model followed.</summary>
    public LumpedCellModel Cell => _cell;

    /// <inheritdoc />
    public IReadOnlyList<SocPopulation> PopulationsAt(IReadOnlyDictionary<string, double> positionMm)
    {
        var populations = new List<SocPopulation>(3);
        foreach (var p in new[] { _cell.WellConnected, _cell.PoorlyConnected, _cell.Isolated })
        {
            if (p.Fraction > 1e-9 && double.IsFinite(p.StateOfCharge))
            {
                populations.Add(new SocPopulation(p.Fraction, EdgeSoc(p.StateOfCharge)));
            }
        }

        return populations;
    }

    /// <summary>The edge's state of charge (0..1) of the well connected, poorly connected and isolated populations, in that
    /// order (0 for a population whose state is not finite, e.g. one that is empty).</summary>
    public double[] PopulationStates() =>
        [EdgeSoc(_cell.WellConnected.StateOfCharge), EdgeSoc(_cell.PoorlyConnected.StateOfCharge), EdgeSoc(_cell.Isolated.StateOfCharge)];

    private double EdgeSoc(double stateOfCharge) => double.IsFinite(stateOfCharge) ? Math.Clamp(stateOfCharge / FullChargeSoc, 0, 1) : 0;

    /// <summary>The state of charge at which the open-circuit curve (vs Li⁺/Li) reaches <paramref name="potentialV"/>, by linear
    /// interpolation of the table (monotonic in a valid preset).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The potential is not within the table.</exception>
    public static double SocAtPotential(OcvCurveParameters ocv, double potentialV)
    {
        ArgumentNullException.ThrowIfNull(ocv);
        var x = ocv.StateOfCharge;
        var y = ocv.PotentialV;
        for (var i = 1; i < y.Count; i++)
        {
            if (potentialV <= y[i] && potentialV >= y[i - 1])
            {
                return y[i] == y[i - 1] ? x[i] : x[i - 1] + ((x[i] - x[i - 1]) * (potentialV - y[i - 1]) / (y[i] - y[i - 1]));
            }
        }

        throw new ArgumentOutOfRangeException(nameof(potentialV), potentialV,
            FormattableString.Invariant($"full-charge potential {potentialV} V vs Li is outside the cell's open-circuit curve {y[0]}..{y[^1]} V"));
    }
}
