namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>Running sums of one cycle (a mutable value type kept inside <see cref="CycleAnalyzer"/>).</summary>
internal struct CycleAccumulator
{
    public int Cycle;
    public double StartTimeUnixS;
    public double EndTimeUnixS;
    public double StartReportedChargeAh;
    public double EndReportedChargeAh;
    public long SampleCount;
    public double ChargeAh;
    public double DischargeAh;
    public double ChargeWh;
    public double DischargeWh;

    /// <summary>A new cycle starting where <paramref name="previous"/> (the last sample before it) ended.</summary>
    public static CycleAccumulator StartAt(int cycle, in AnalyzerSample previous) => new()
    {
        Cycle = cycle,
        StartTimeUnixS = previous.TimeUnixS,
        EndTimeUnixS = previous.TimeUnixS,
        StartReportedChargeAh = previous.ChargeAh,
        EndReportedChargeAh = previous.ChargeAh,
    };

    /// <summary>Adds the interval ending at <paramref name="sample"/>.</summary>
    public void Add(in IntervalIntegral interval, in AnalyzerSample sample)
    {
        ChargeAh += interval.ChargeAh;
        DischargeAh += interval.DischargeAh;
        ChargeWh += interval.ChargeWh;
        DischargeWh += interval.DischargeWh;
        EndTimeUnixS = sample.TimeUnixS;
        EndReportedChargeAh = sample.ChargeAh;
        SampleCount++;
    }
}
