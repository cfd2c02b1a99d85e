namespace OperandoRig.Simulators.Time;

/// <summary>
/// One execution of a <see cref="SimulationLoop"/>. It rides in the simulation's <see cref="ExecutionContext"/>
/// (an <see cref="AsyncLocal{T}"/> with a change handler), so it sees whenever simulation code starts or stops running
/// on a thread other than the loop's, e.g. the part of a channel's <c>ReadAllAsync</c> that hops through the thread
/// pool, or a <c>Task.Run</c> started by the simulation. The loop holds virtual time while any such code runs.
/// </summary>
internal sealed class SimulationRun
{
    private static readonly AsyncLocal<SimulationRun?> Ambient = new(OnAmbientChanged);
    private int _offLoopThreads;

    internal SimulationRun(Thread loopThread, SimulationSynchronizationContext context)
    {
        LoopThread = loopThread;
        Context = context;
    }

    /// <summary>The run whose execution context the current code belongs to, or <see langword="null"/>.</summary>
    internal static SimulationRun? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The thread running the loop.</summary>
    internal Thread LoopThread { get; }

    /// <summary>The loop's work queue.</summary>
    internal SimulationSynchronizationContext Context { get; }

    /// <summary>How many other threads are running simulation code right now.</summary>
    internal int OffLoopThreads => Volatile.Read(ref _offLoopThreads);

    private static void OnAmbientChanged(AsyncLocalValueChangedArgs<SimulationRun?> change)
    {
        if (ReferenceEquals(change.PreviousValue, change.CurrentValue))
        {
            return;
        }

        Thread thread = Thread.CurrentThread;
        if (change.PreviousValue is { } left && left.LoopThread != thread
            && Interlocked.Decrement(ref left._offLoopThreads) == 0)
        {
            left.Context.Signal();
        }

        if (change.CurrentValue is { } entered && entered.LoopThread != thread)
        {
            Interlocked.Increment(ref entered._offLoopThreads);
        }
    }
}
