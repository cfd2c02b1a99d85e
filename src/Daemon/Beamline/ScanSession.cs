namespace OperandoRig.Daemon.Beamline;

/// <summary>The mutable state of one running scan: where each position stands, dose per spot, time accounting.</summary>
internal sealed class ScanSession(ScanPlan plan, ScanRequest request, DateTimeOffset started)
{
    public ScanPlan Plan { get; } = plan;

    public ScanRequest Request { get; } = request;

    public DateTimeOffset Started { get; } = started;

    /// <summary>Dose per spot and the spot each plan position is measured at now.</summary>
    public SpotAllocator Spots { get; } = new(plan);

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


    public DeadTimeBreakdown DeadTime(double totalS)
    {
        double known = CountS + MovesS + SettleS + ReadoutS + SuspendedS + RemeasureS;
        return new DeadTimeBreakdown(totalS, CountS, MovesS, SettleS, ReadoutS, SuspendedS, RemeasureS, Math.Max(0, totalS - known));
    }
}
