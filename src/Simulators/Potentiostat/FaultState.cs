namespace OperandoRig.Simulators.Potentiostat;

/// <summary>The faults a simulated channel shows now, and those scheduled for later.</summary>
internal sealed class FaultState
{
    private readonly List<(DateTimeOffset At, ChannelFault Fault)> _scheduled = [];

    public bool LinkDown { get; set; }

    public bool Silent { get; set; }

    public bool GarbageNext { get; set; }

    public bool NaNNext { get; set; }

    /// <summary>How far above the cell's temperature an overheating chamber drives the reading, K.</summary>
    public const double OverheatRiseK = 40;

    /// <summary>Time constant of the overheating chamber's first-order rise, s.</summary>
    public const double OverheatTimeConstantS = 300;

    /// <summary>When an <see cref="ChannelFault.Overheat"/> started, if one has.</summary>
    public DateTimeOffset? OverheatSince { get; set; }

    /// <summary>The excess temperature the sensor reads at <paramref name="now"/>, K (0 without an overheat).</summary>
    public double OverheatK(DateTimeOffset now) => OverheatSince is { } since
        ? OverheatRiseK * (1 - Math.Exp(-Math.Max(0, (now - since).TotalSeconds) / OverheatTimeConstantS))
        : 0;

    /// <summary>When the next scheduled fault starts, if any.</summary>
    public DateTimeOffset? NextDue => _scheduled.Count == 0 ? null : _scheduled[0].At;

    public void Schedule(IEnumerable<ScheduledChannelFault> faults, DateTimeOffset start)
    {
        _scheduled.Clear();
        _scheduled.AddRange(faults.Select(f => (start + TimeSpan.FromSeconds(f.AfterS), f.Fault)).OrderBy(f => f.Item1));
    }

    /// <summary>Removes and returns the scheduled faults due at or before <paramref name="now"/>, in order.</summary>
    public List<ChannelFault> TakeDue(DateTimeOffset now)
    {
        var due = _scheduled.TakeWhile(f => f.At <= now).Select(f => f.Fault).ToList();
        _scheduled.RemoveRange(0, due.Count);
        return due;
    }
}
