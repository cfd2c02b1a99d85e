using OperandoRig.Daemon.Operando.Beam;

namespace OperandoRig.Daemon.Operando.Plans;

/// <summary>
/// An operando experiment as data: which cells (channels) run which protocol, when each is measured (triggers and
/// actions), and how they share the beam. Parsed from an <c>operando:</c> file by <see cref="OperandoPlanParser"/>.
/// </summary>
/// <param name="Name">The experiment's name.</param>
/// <param name="Source">The file it came from.</param>
/// <param name="Beam">How the beam is shared.</param>
/// <param name="ScanPlans">Scan plans by name: the file each was read from (absolute).</param>
/// <param name="Cells">The cells, one per channel.</param>
public sealed record OperandoPlan(string Name, string Source, BeamPolicy Beam, IReadOnlyDictionary<string, string> ScanPlans, IReadOnlyList<OperandoCellPlan> Cells);

/// <summary>One cell of an operando experiment.</summary>
/// <param name="ChannelId">The channel the cell is on.</param>
/// <param name="ProtocolPath">The protocol file to run (absolute), or null when the run is started otherwise.</param>
/// <param name="Soc">How its state of charge is computed.</param>
/// <param name="Mode">Pause-and-measure or continuous.</param>
/// <param name="Priority">Its priority for the beam (higher first, under the priority policy).</param>
/// <param name="Spots">Its spots on the sample holder, used by scans that name none.</param>
/// <param name="Triggers">When it is measured, and how.</param>
public sealed record OperandoCellPlan(
    string ChannelId,
    string? ProtocolPath,
    SocReference Soc,
    OperandoMode Mode,
    int Priority,
    IReadOnlyList<string> Spots,
    IReadOnlyList<TriggerSpec> Triggers);

/// <summary>How scans relate to the current.</summary>
public enum OperandoMode
{
    /// <summary>Hold the cell (by a policy), settle, scan, resume.</summary>
    Pause,
    /// <summary>Scan while the current flows; every point is tagged with the state at its own time.</summary>
    Continuous,
}

/// <summary>A trigger and what to do when it fires.</summary>
/// <param name="Name">Its name, unique within the cell.</param>
/// <param name="When">The condition.</param>
/// <param name="InCycles">Cycles it is active in; null for every cycle.</param>
/// <param name="Actions">What to do, in order.</param>
public sealed record TriggerSpec(string Name, Triggers.TriggerCondition When, IReadOnlySet<int>? InCycles, IReadOnlyList<OperandoAction> Actions);
