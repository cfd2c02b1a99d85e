namespace OperandoRig.Daemon.Beamline;

/// <summary>Where a scan's time went, s. <see cref="TotalS"/> = count + moves + settle + readout + suspended +
/// re-measured + overhead.</summary>
/// <param name="TotalS">Wall time of the scan on the daemon clock.</param>
/// <param name="CountS">Requested count time of the recorded points.</param>
/// <param name="MovesS">Monochromator and stage moves (including the devices' own settle).</param>
/// <param name="SettleS">The plan's extra settle after moves.</param>
/// <param name="ReadoutS">Detector time beyond the count time (read-out).</param>
/// <param name="SuspendedS">Time suspended by suspenders, including resume settle and reopening the shutter.</param>
/// <param name="RemeasureS">Time spent on exposures that were discarded and measured again.</param>
/// <param name="OverheadS">Everything else: the daemon's own work (checks, tagging, storing, spot changes' bookkeeping).</param>
public sealed record DeadTimeBreakdown(
    double TotalS, double CountS, double MovesS, double SettleS, double ReadoutS, double SuspendedS, double RemeasureS, double OverheadS)
{
    /// <summary>Time not spent counting, s.</summary>
    public double DeadS => TotalS - CountS;

    /// <summary>Dead time as a fraction of the total (0 for an empty scan).</summary>
    public double DeadFraction => TotalS > 0 ? DeadS / TotalS : 0;
}
