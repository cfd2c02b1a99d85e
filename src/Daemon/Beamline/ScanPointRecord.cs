namespace OperandoRig.Daemon.Beamline;

/// <summary>A stored scan point: one exposure that was measured with beam.</summary>
/// <param name="Stream">Its stream, e.g. <c>beamline/points</c>.</param>
/// <param name="Seq">Sequence number in the stream (assigned by the sink).</param>
/// <param name="ScanId">The scan.</param>
/// <param name="RunId">The run the scan belongs to.</param>
/// <param name="PointIndex">Index of the point in the plan's measuring order.</param>
/// <param name="Sweep">Sweep number, from 0.</param>
/// <param name="Spot">The spot actually exposed (after any dose-driven change).</param>
/// <param name="TimeUnixS">Start of the count, s since the Unix epoch on the daemon clock.</param>
/// <param name="EnergyEv">Photon energy, eV (the set point).</param>
/// <param name="PositionsMm">Stage positions, mm, by axis.</param>
/// <param name="Counts">Counts by <c>detector.channel</c>.</param>
/// <param name="I0">Incident-flux monitor counts (null without an I0 channel).</param>
/// <param name="CountTimeS">Count time, s.</param>
/// <param name="DeadTimeS">Time of the point beyond its count time (moves, settle, read-out, overhead; not suspensions), s.</param>
/// <param name="DoseGy">Dose the daemon booked on the spot for this exposure, Gy.</param>
/// <param name="RingCurrentMa">Ring current at the start of the count, mA (NaN without a ring signal).</param>
/// <param name="Tag">The cell state at the point's time, when a tagger was given.</param>
public sealed record ScanPointRecord(
    string Stream,
    long Seq,
    string ScanId,
    string RunId,
    int PointIndex,
    int Sweep,
    string Spot,
    double TimeUnixS,
    double EnergyEv,
    IReadOnlyDictionary<string, double> PositionsMm,
    IReadOnlyDictionary<string, double> Counts,
    double? I0,
    double CountTimeS,
    double DeadTimeS,
    double DoseGy,
    double RingCurrentMa,
    CellStateTag? Tag);
