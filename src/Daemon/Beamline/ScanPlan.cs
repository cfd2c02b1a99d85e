namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// A beamline scan as data (parsed from YAML by <see cref="ScanPlanParser"/>): which energies, at which stage positions,
/// for how long, read by which detectors, guarded by which suspenders, within which dose budget. The runner
/// (<see cref="ScanRunner"/>) and the dry run (<see cref="ScanDryRun"/>) interpret the same data.
/// </summary>
/// <param name="Name">The plan's name.</param>
/// <param name="Source">Where it came from (file name or request), for messages.</param>
/// <param name="EdgeLabel">The edge the energies are relative to (e.g. <c>Ni K</c>), or null for absolute energies.</param>
/// <param name="EdgeEnergyEv">E₀ of that edge, eV (0 without one).</param>
/// <param name="Energies">The energy points of one sweep, ascending, with their count times.</param>
/// <param name="Sweeps">How many times the energy points are measured at each position (≥ 1).</param>
/// <param name="Positions">The stage positions (named spots or map points) in measuring order; empty: stay where the stage is.</param>
/// <param name="Spares">Fresh spots, in order, taken when a position's dose budget is spent.</param>
/// <param name="Order">Which loop is outer: a spectrum per position, or an image (all positions) per energy.</param>
/// <param name="Detectors">The detectors read at every point (device names).</param>
/// <param name="SettleS">Extra wait after every move before counting, s (the devices' own settle comes on top).</param>
/// <param name="DoseBudgetGy">The most dose any one spot may receive, Gy; null: no budget.</param>
/// <param name="Suspenders">Conditions that suspend the scan at a safe point and resume it after recovery plus settle.</param>
public sealed record ScanPlan(
    string Name,
    string Source,
    string? EdgeLabel,
    double EdgeEnergyEv,
    IReadOnlyList<EnergyPoint> Energies,
    int Sweeps,
    IReadOnlyList<ScanPosition> Positions,
    IReadOnlyList<ScanPosition> Spares,
    ScanOrder Order,
    IReadOnlyList<string> Detectors,
    double SettleS,
    double? DoseBudgetGy,
    IReadOnlyList<SuspenderSpec> Suspenders)
{
    /// <summary>Number of exposures the plan asks for (before re-measures).</summary>
    public int PointCount => Energies.Count * Sweeps * Math.Max(1, Positions.Count);

    /// <summary>Total requested count time, s.</summary>
    public double CountTimeS => Energies.Sum(e => e.CountTimeS) * Sweeps * Math.Max(1, Positions.Count);

    /// <summary>The plan's points in measuring order.</summary>
    public IReadOnlyList<ScanPointSpec> Expand()
    {
        var positions = Positions.Count > 0 ? Positions : [ScanPosition.Here];
        var points = new List<ScanPointSpec>(PointCount);
        if (Order == ScanOrder.Stack)
        {
            for (var sweep = 0; sweep < Sweeps; sweep++)
            {
                foreach (var energy in Energies)
                {
                    for (var p = 0; p < positions.Count; p++)
                    {
                        points.Add(new ScanPointSpec(points.Count, sweep, p, energy, positions[p]));
                    }
                }
            }

            return points;
        }

        for (var p = 0; p < positions.Count; p++)
        {
            for (var sweep = 0; sweep < Sweeps; sweep++)
            {
                foreach (var energy in Energies)
                {
                    points.Add(new ScanPointSpec(points.Count, sweep, p, energy, positions[p]));
                }
            }
        }

        return points;
    }
}

/// <summary>Which loop of an energy × position scan is outer.</summary>
public enum ScanOrder
{
    /// <summary>A full spectrum (all sweeps) at one position, then the next position (point XANES at spots).</summary>
    Spectra,

    /// <summary>All positions at one energy, then the next energy (an energy stack of maps, STXM/TXM style).</summary>
    Stack,
}

/// <summary>One energy of a sweep.</summary>
/// <param name="EnergyEv">Photon energy, eV (absolute).</param>
/// <param name="CountTimeS">Count time, s.</param>
/// <param name="Region">Index of the region it came from.</param>
/// <param name="K">Photoelectron wavenumber k, Å⁻¹, for points of a k region (null otherwise).</param>
public sealed record EnergyPoint(double EnergyEv, double CountTimeS, int Region, double? K = null);

/// <summary>A stage position: a named spot or a map point.</summary>
/// <param name="Name">Its name (spot name, or the map point's index such as <c>map[3,7]</c>).</param>
/// <param name="PositionsMm">Axis name → position, mm; empty: leave the stage where it is.</param>
public sealed record ScanPosition(string Name, IReadOnlyDictionary<string, double> PositionsMm)
{
    /// <summary>The stage wherever it is.</summary>
    public static ScanPosition Here { get; } = new("here", new Dictionary<string, double>(StringComparer.Ordinal));
}

/// <summary>One point of an expanded plan.</summary>
/// <param name="Index">Position in measuring order, from 0.</param>
/// <param name="Sweep">Sweep number, from 0.</param>
/// <param name="PositionIndex">Index into the plan's positions.</param>
/// <param name="Energy">Energy and count time.</param>
/// <param name="Position">Where (before any dose-driven spot change).</param>
public sealed record ScanPointSpec(int Index, int Sweep, int PositionIndex, EnergyPoint Energy, ScanPosition Position);
