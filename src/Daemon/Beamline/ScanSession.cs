namespace OperandoRig.Daemon.Beamline;

/// <summary>The mutable state of one running scan: where each position stands, dose per spot, time accounting.</summary>
internal sealed class ScanSession(ScanPlan plan, ScanRequest request, DateTimeOffset started)
{
    public ScanPlan Plan { get; } = plan;

    public ScanRequest Request { get; } = request;

    public DateTimeOffset Started { get; } = started;

    /// <summary>The spot each plan position is measured at now (a fresh spot replaces one whose budget is spent).</summary>
    public ScanPosition[] Current { get; } = [.. plan.Positions.Count > 0 ? plan.Positions : [ScanPosition.Here]];

    public Queue<ScanPosition> Spares { get; } = new(plan.Spares);

    public Dictionary<string, double> DoseGy { get; } = new(StringComparer.Ordinal);

    public List<ScanPointRecord> Points { get; } = new(plan.PointCount);

    public List<ScanEvent> Events { get; } = [];

    /// <summary>The latest suspender signal values (the check after a count serves as the check before the next point).</summary>
    public IReadOnlyDictionary<string, double>? Signals { get; set; }

    public double? LastEnergyEv { get; set; }

    public ScanPosition? LastPosition { get; set; }

    public double CountS { get; set; }

    public double MovesS { get; set; }

    public double SettleS { get; set; }

    public double ReadoutS { get; set; }

    public double SuspendedS { get; set; }

    public double RemeasureS { get; set; }

    public int Remeasured { get; set; }

    public int Suspensions { get; set; }

    public int SpotChanges { get; set; }

    public DeadTimeBreakdown DeadTime(double totalS)
    {
        double known = CountS + MovesS + SettleS + ReadoutS + SuspendedS + RemeasureS;
        return new DeadTimeBreakdown(totalS, CountS, MovesS, SettleS, ReadoutS, SuspendedS, RemeasureS, Math.Max(0, totalS - known));
    }
}
