namespace OperandoRig.Daemon.Electrochemistry.Safety;

/// <summary>
/// Cancels <see cref="Token"/> when <see cref="Reset"/> was not called for <c>maxSilence</c> on the daemon
/// clock: a silent instrument ends the read it guards. Without a limit it never fires.
/// </summary>
public sealed class SilenceWatchdog : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly ITimer? _timer;
    private readonly TimeSpan _maxSilence;

    /// <summary>Starts watching now; <paramref name="maxSilence"/> null: never fires.</summary>
    public SilenceWatchdog(TimeProvider time, TimeSpan? maxSilence)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (maxSilence is { } limit)
        {
            _maxSilence = limit;
            _timer = time.CreateTimer(_ => Fire(), null, limit, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Cancelled when the watchdog fired.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>True once the watchdog fired.</summary>
    public bool Fired => _cts.IsCancellationRequested;

    /// <summary>Something arrived: the silence starts again from now.</summary>
    public void Reset()
    {
        if (_timer is not null && !Fired)
        {
            _timer.Change(_maxSilence, Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        _cts.Dispose();
    }

    private void Fire()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the run ended while the timer fired
        }
    }
}
