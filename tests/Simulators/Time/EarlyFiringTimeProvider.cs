using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Time;

/// <summary>A base clock whose timers fire after only half their due time, like a coarse real timer firing early.</summary>
internal sealed class EarlyFiringTimeProvider(VirtualTimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => new EarlyTimer(inner.CreateTimer(callback, state, Halve(dueTime), period));

    private static TimeSpan Halve(TimeSpan dueTime) => dueTime == Timeout.InfiniteTimeSpan ? dueTime : dueTime / 2;

    private sealed class EarlyTimer(ITimer timer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(Halve(dueTime), period);

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
