namespace OperandoRig.Daemon.Electrochemistry.Safety;

/// <summary>
/// How a channel recognises an internal short while current flows (rig file: <c>safety.short_circuit</c>). Only
/// samples with |I| ≥ <see cref="MinAbsCurrentA"/> are judged: a healthy cell under current always shows at least
/// its ohmic overpotential, so a terminal voltage that collapses towards 0 V, or drops faster than a cell can
/// while the current holds steady, means the electrolyte has been bridged (a dendrite) or the cell is shorted.
/// </summary>
/// <param name="MinAbsCurrentA">Current magnitude from which the checks apply, A.</param>
/// <param name="CollapseBelowV">A |voltage| below this under current is a collapse, V; null: not checked.</param>
/// <param name="MaxDropV">Largest voltage drop allowed over <paramref name="OverS"/> at a steady current, V; null: not checked.</param>
/// <param name="OverS">The time the drop is measured over, s.</param>
public sealed record ShortCircuitLimits(double MinAbsCurrentA, double? CollapseBelowV, double? MaxDropV, double OverS = 1)
{
    /// <summary>Largest voltage slope allowed at a steady current, V/s (null when not checked).</summary>
    public double? MaxDropRateVPerS => MaxDropV / OverS;
}
