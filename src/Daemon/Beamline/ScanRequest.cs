namespace OperandoRig.Daemon.Beamline;

/// <summary>What to run a plan as: the run it belongs to, its id, optional spots replacing the plan's, a tagger.</summary>
/// <param name="RunId">The run (experiment) the scan belongs to.</param>
/// <param name="ScanId">The scan's id (unique in the store).</param>
/// <param name="Spots">Positions replacing the plan's spots (e.g. a cell's named spots from the holder); null: the plan's.</param>
/// <param name="Spares">Fresh spots replacing the plan's spares; null: the plan's.</param>
/// <param name="Tagger">Tags every point with the cell state at its time; null: untagged.</param>
public sealed record ScanRequest(
    string RunId,
    string ScanId,
    IReadOnlyList<ScanPosition>? Spots = null,
    IReadOnlyList<ScanPosition>? Spares = null,
    IScanPointTagger? Tagger = null);
