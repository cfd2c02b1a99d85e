namespace OperandoRig.Simulators.Time;

/// <summary>
/// The single-threaded work queue of a <see cref="SimulationLoop"/>. Continuations posted from any thread are run
/// in order by the loop's thread. Besides work items it carries a "something happened" signal (a timer was armed,
/// the root task completed, external work ended, the caller cancelled) that wakes a waiting loop.
/// </summary>
internal sealed class SimulationSynchronizationContext : SynchronizationContext
{
    private readonly object _gate = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private bool _signalled;

    internal SimulationSynchronizationContext(SimulationLoop loop) => Loop = loop;

    /// <summary>The loop this context belongs to.</summary>
    internal SimulationLoop Loop { get; }

    /// <summary>The thread running the loop.</summary>
    internal Thread? LoopThread { get; set; }

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        lock (_gate)
        {
            _queue.Enqueue((d, state));
            Monitor.PulseAll(_gate);
        }
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Thread.CurrentThread == LoopThread)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim();
        Exception? failure = null;
        Post(
            _ =>
            {
                try
                {
                    d(state);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failure = ex;
                }
                finally
                {
                    done.Set();
                }
            },
            null);
        done.Wait();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Takes the oldest work item, if any.</summary>
    internal bool TryDequeue(out (SendOrPostCallback Callback, object? State) item)
    {
        lock (_gate)
        {
            return _queue.TryDequeue(out item);
        }
    }

    /// <summary>Wakes the loop without giving it work, so it re-examines its state.</summary>
    internal void Signal()
    {
        lock (_gate)
        {
            _signalled = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Blocks (no spinning) until work is posted or <see cref="Signal"/> is called, or
    /// <paramref name="timeout"/> of real time passes.</summary>
    /// <returns><see langword="true"/> if there is work or a signal; <see langword="false"/> on timeout.</returns>
    internal bool WaitForWork(TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_queue.Count == 0 && !_signalled)
            {
                Monitor.Wait(_gate, timeout);
            }

            bool woke = _queue.Count > 0 || _signalled;
            _signalled = false;
            return woke;
        }
    }
}
