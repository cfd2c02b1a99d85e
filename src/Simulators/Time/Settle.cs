namespace OperandoRig.Simulators.Time;

/// <summary>
/// Lets an otherwise idle <see cref="SimulationLoop"/> wait for thread-pool work that its last step queued before
/// jumping virtual time: such work may be a simulation continuation hopping through the pool, which only becomes
/// visible to <see cref="SimulationRun"/> once a pool thread runs it. Queuing is detected by the pool's pending count
/// rising during the step (unrelated work can trigger it too, which only costs a short wait). First a few yields (a
/// free pool thread usually takes the work within microseconds), then 1 ms waits, for at most 50 ms of real time.
/// </summary>
internal struct Settle
{
    private const int YieldsBeforeWaiting = 20;
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);
    private static readonly TimeProvider RealTime = TimeProvider.System;
    private long _pendingBefore;
    private bool _active;
    private int _yields;
    private long _waitingSince;

    /// <summary>Call before running a step on the loop.</summary>
    internal void BeforeStep() => _pendingBefore = ThreadPool.PendingWorkItemCount;

    /// <summary>Call after running a step; starts settling if the step seems to have queued pool work.</summary>
    internal void AfterStep()
    {
        if (ThreadPool.PendingWorkItemCount > _pendingBefore)
        {
            _active = true;
            _yields = 0;
        }
    }

    /// <summary>True while queued work is still pending and the budget is not used up; false ends settling.</summary>
    internal bool ShouldWait()
    {
        _active = _active && ThreadPool.PendingWorkItemCount > 0
            && (_yields < YieldsBeforeWaiting || RealTime.GetElapsedTime(_waitingSince) < Budget);
        return _active;
    }

    /// <summary>Yields the processor, or blocks for one poll interval (woken early by posted work).</summary>
    internal void Wait(SimulationSynchronizationContext context)
    {
        if (_yields < YieldsBeforeWaiting)
        {
            if (++_yields == YieldsBeforeWaiting)
            {
                _waitingSince = RealTime.GetTimestamp();
            }

            Thread.Yield();
            return;
        }

        context.WaitForWork(PollInterval);
    }
}
