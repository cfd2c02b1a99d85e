namespace OperandoRig.Simulators.Time;

/// <summary>
/// Runs a simulation on a dedicated single-threaded <see cref="SynchronizationContext"/> and drives a
/// <see cref="VirtualTimeProvider"/>: whenever the loop has no work queued and the simulation has not finished, the
/// clock jumps to the next due timer and fires it. Hours of simulated time pass in milliseconds, and ordering stays
/// exact because one timer fires at a time and everything it releases runs before the next one.
/// </summary>
/// <remarks>
/// <para><b>When time jumps.</b> Only when the loop's queue is empty, no <see cref="BeginExternalWork"/> bracket is
/// open, no simulation code is running on another thread, and no thread-pool work queued by the last step is still
/// waiting for a thread (this last for at most 50 ms of real time).
/// "Simulation code on another thread" is tracked through the simulation's <see cref="ExecutionContext"/>, so
/// <c>Task.Run</c> started by the simulation, and library code that hops through the thread pool
/// (<c>ConfigureAwait(false)</c> plus asynchronous completions, e.g. <c>ChannelReader.ReadAllAsync</c>, the
/// <c>Assert.ThrowsAsync</c> family), hold virtual time until they post back. This tracking is best-effort: a hop
/// slips through if the pool thread that dequeued it is pre-empted before it enters the simulation's context
/// (rare, more likely on an overloaded machine). Awaits that resume through the loop's context are always exact.</para>
/// <para><b>Contract.</b> For exact virtual timing, code on the loop awaits only virtual waits
/// (<c>Task.Delay(d, clock, ct)</c>, <c>PeriodicTimer</c>, <c>WaitAsync(t, clock, ct)</c>, CancellationTokenSource
/// with the clock) and in-process hand-offs between simulated activities, awaited directly on the loop (channel
/// <c>ReadAsync</c>/<c>WaitToReadAsync</c> rather than <c>ReadAllAsync</c>). It must not await
/// real I/O: while an I/O request is outstanding no thread runs simulation code, so the loop jumps ahead if any
/// virtual timer is pending. Hand real data to the simulation through a channel, or bracket the real await with
/// <see cref="BeginExternalWork"/>, which holds virtual time until disposed. Never block a thread inside the
/// simulation waiting for virtual time (<c>.Wait()</c>, <c>.Result</c>): the loop holds time while that thread
/// runs, so it never comes.</para>
/// <para><b>Idle.</b> With nothing queued and no virtual timer pending, the loop blocks (no spinning) for work
/// posted from other threads: indefinitely while external work is open, simulation code runs elsewhere or the thread
/// pool has queued work, otherwise for at most <see cref="ExternalWorkTimeout"/> of real time. If nothing arrives, the simulation awaits
/// something no timer or posted work can complete, and the run fails with <see cref="InvalidOperationException"/>.</para>
/// <para><b>Results.</b> Exceptions from the simulation, from timer callbacks and from posted work propagate
/// unwrapped. Cancellation is cooperative: the caller's token is handed to the simulation, and a cancelled
/// simulation ends the run with <see cref="OperationCanceledException"/>. Work still queued when the root task
/// completes is dropped; timers still armed stay on the clock. One loop at a time may drive a clock.</para>
/// </remarks>
public sealed class SimulationLoop
{
    private readonly TimeSpan _externalWorkTimeout = TimeSpan.FromSeconds(1);
    private int _externalWork;
    private SimulationSynchronizationContext? _context;

    /// <summary>Creates a loop that drives <paramref name="clock"/>.</summary>
    /// <param name="clock">The virtual clock every wait in the simulation uses.</param>
    public SimulationLoop(VirtualTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
    }

    /// <summary>The loop running on the current thread, or <see langword="null"/> when not on a loop.</summary>
    public static SimulationLoop? Current => (SynchronizationContext.Current as SimulationSynchronizationContext)?.Loop;

    /// <summary>The virtual clock this loop drives.</summary>
    public VirtualTimeProvider Clock { get; }

    /// <summary>How long, in real time, an idle loop with no virtual timer pending and no open external work waits
    /// for work posted from another thread before declaring a deadlock.</summary>
    /// <value>Zero (detect immediately) or more, or <see cref="Timeout.InfiniteTimeSpan"/>. The default is 1 second.</value>
    public TimeSpan ExternalWorkTimeout
    {
        get => _externalWorkTimeout;
        init
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Must be zero or more, or infinite.");
            }

            _externalWorkTimeout = value;
        }
    }

    /// <summary>Runs <paramref name="simulation"/> on the calling thread until it completes.</summary>
    /// <param name="simulation">The root of the simulation; receives <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Handed to the simulation; cancelling it also wakes an idle loop.</param>
    /// <exception cref="InvalidOperationException">The simulation deadlocked, or another loop drives the clock.</exception>
    /// <exception cref="OperationCanceledException">The simulation was cancelled.</exception>
    public void Run(Func<CancellationToken, Task> simulation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        RunRoot(simulation, cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="simulation"/> on the calling thread and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="simulation">The root of the simulation; receives <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Handed to the simulation; cancelling it also wakes an idle loop.</param>
    /// <returns>The simulation's result.</returns>
    /// <exception cref="InvalidOperationException">The simulation deadlocked, or another loop drives the clock.</exception>
    /// <exception cref="OperationCanceledException">The simulation was cancelled.</exception>
    public T Run<T>(Func<CancellationToken, Task<T>> simulation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return ((Task<T>)RunRoot(simulation, cancellationToken)).GetAwaiter().GetResult();
    }

    /// <summary>Starts every activity on the loop, in list order, and runs until all complete. Their waits
    /// interleave exactly in virtual time; the first failure propagates once all have finished.</summary>
    /// <param name="activities">The concurrent simulated activities.</param>
    /// <param name="cancellationToken">Handed to every activity.</param>
    public void RunConcurrently(
        IReadOnlyList<Func<CancellationToken, Task>> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        Run(ct => Task.WhenAll(activities.Select(activity => activity(ct)).ToList()), cancellationToken);
    }

    /// <summary>Runs <paramref name="simulation"/> on a new dedicated thread.</summary>
    /// <param name="simulation">The root of the simulation; receives <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Handed to the simulation; cancelling it also wakes an idle loop.</param>
    /// <returns>A task that completes like the simulation (faulted, cancelled or successful).</returns>
    public Task RunAsync(Func<CancellationToken, Task> simulation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(simulation, cancellationToken);
                completion.TrySetResult();
            }
            catch (OperationCanceledException ex)
            {
                completion.TrySetCanceled(ex.CancellationToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                completion.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "OperandoRig simulation loop",
        };
        thread.Start();
        return completion.Task;
    }

    /// <summary>Declares that the simulation is awaiting real work (I/O, <c>Task.Run</c>) whose continuation will be
    /// posted back. Until the returned handle is disposed, the loop does not advance virtual time and waits for that
    /// work without a deadlock timeout. Dispose the handle once the real await has returned.</summary>
    /// <returns>A handle that ends the external work when disposed (idempotent).</returns>
    public IDisposable BeginExternalWork()
    {
        Interlocked.Increment(ref _externalWork);
        return new ExternalWork(this);
    }

    private Task RunRoot(Func<CancellationToken, Task> simulation, CancellationToken cancellationToken)
    {
        if (SynchronizationContext.Current is SimulationSynchronizationContext)
        {
            throw new InvalidOperationException("A simulation loop cannot be started from inside another one.");
        }

        Clock.AttachLoop();
        var previousContext = SynchronizationContext.Current;
        var previousRun = SimulationRun.Current;
        var context = new SimulationSynchronizationContext(this) { LoopThread = Thread.CurrentThread };
        var run = new SimulationRun(Thread.CurrentThread, context);
        Action wake = context.Signal;
        Clock.TimerArmed += wake;
        _context = context;
        using var registration = cancellationToken.UnsafeRegister(static s => ((SimulationSynchronizationContext)s!).Signal(), context);
        try
        {
            SynchronizationContext.SetSynchronizationContext(context);
            SimulationRun.Current = run;
            Task root = Start(simulation, cancellationToken);
            root.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(wake);
            Pump(run, root, cancellationToken);
            return root;
        }
        finally
        {
            SimulationRun.Current = previousRun;
            SynchronizationContext.SetSynchronizationContext(previousContext);
            _context = null;
            Clock.TimerArmed -= wake;
            Clock.DetachLoop();
        }
    }

    private static Task Start(Func<CancellationToken, Task> simulation, CancellationToken cancellationToken)
    {
        try
        {
            return simulation(cancellationToken)
                ?? throw new InvalidOperationException("The simulation delegate returned a null task.");
        }
        catch (OperationCanceledException ex)
        {
            return Task.FromCanceled(ex.CancellationToken.IsCancellationRequested ? ex.CancellationToken : new CancellationToken(true));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Task.FromException(ex);
        }
    }

    private void Pump(SimulationRun run, Task root, CancellationToken cancellationToken)
    {
        SimulationSynchronizationContext context = run.Context;
        var settle = default(Settle);
        while (!root.IsCompleted)
        {
            if (context.TryDequeue(out var item))
            {
                settle.BeforeStep();
                item.Callback(item.State);
                settle.AfterStep();
            }
            else if (Volatile.Read(ref _externalWork) > 0 || run.OffLoopThreads > 0)
            {
                context.WaitForWork(Timeout.InfiniteTimeSpan);
            }
            else if (settle.ShouldWait())
            {
                settle.Wait(context);
            }
            else
            {
                settle.BeforeStep();
                bool fired = Clock.AdvanceToNextTimer();
                settle.AfterStep();
                if (!fired && !context.WaitForWork(ExternalWorkTimeout) && !root.IsCompleted)
                {
                    ThrowIfStuck(run, cancellationToken);
                }
            }
        }
    }

    private void ThrowIfStuck(SimulationRun run, CancellationToken cancellationToken)
    {
        // Queued pool work may be a simulation continuation waiting for a thread (a starved pool adds one about
        // every half second): keep waiting rather than report a deadlock.
        if (Clock.ScheduledTimerCount > 0 || Volatile.Read(ref _externalWork) > 0 || run.OffLoopThreads > 0
            || ThreadPool.PendingWorkItemCount > 0 || run.Context.WaitForWork(TimeSpan.Zero))
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException(
            $"Simulation deadlock at virtual time {Clock.GetUtcNow():O}: the simulation awaits something that no " +
            "virtual timer or posted work can complete (run queue empty, no virtual timer scheduled, no external " +
            $"work open, nothing posted within {ExternalWorkTimeout}). Await only virtual waits and channels on the " +
            "loop, or bracket real I/O with SimulationLoop.BeginExternalWork().");
    }

    private void EndExternalWork()
    {
        Interlocked.Decrement(ref _externalWork);
        _context?.Signal();
    }

    private sealed class ExternalWork(SimulationLoop loop) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                loop.EndExternalWork();
            }
        }
    }
}
