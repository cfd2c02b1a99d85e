namespace OperandoRig.Simulators.Time;

/// <summary>Orders virtual timers by due time, then by creation order.</summary>
internal sealed class VirtualTimerOrder : IComparer<VirtualTimer>
{
    /// <summary>The single instance.</summary>
    internal static readonly VirtualTimerOrder Instance = new();

    /// <inheritdoc />
    public int Compare(VirtualTimer? x, VirtualTimer? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int byDue = x.Due.UtcTicks.CompareTo(y.Due.UtcTicks);
        return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
    }
}
