namespace OperandoRig.Daemon.Beamline;

/// <summary>What a plan would take, computed without touching hardware.</summary>
/// <param name="PlanName">The plan.</param>
/// <param name="Points">Exposures it would record.</param>
/// <param name="DeadTime">Predicted time by kind (no suspensions or re-measures are predicted).</param>
/// <param name="SpotChanges">Predicted moves to fresh spots (dose at the nominal ring current).</param>
/// <param name="SpotDoseGy">Predicted dose per spot, Gy.</param>
/// <param name="EndReason">Completed, or DoseBudgetExhausted when the spots run out.</param>
/// <param name="Message">A sentence summing it up.</param>
public sealed record DryRunResult(
    string PlanName, int Points, DeadTimeBreakdown DeadTime, int SpotChanges, IReadOnlyDictionary<string, double> SpotDoseGy, ScanEndReason EndReason,
    string Message)
{
    /// <summary>Predicted duration, s.</summary>
    public double DurationS => DeadTime.TotalS;
}
