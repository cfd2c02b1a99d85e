namespace OperandoRig.Simulators.Potentiostat;

/// <summary>The faults a simulated channel shows now, and those scheduled for later.</summary>
internal sealed class FaultState
{
    private readonly List<(DateTimeOffset At, ChannelFault Fault)> _scheduled = [];

    public bool LinkDown { get; set; }

    public bool Silent { get; set; }

    public bool GarbageNext { get; set; }

    public bool NaNNext { get; set; }

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
