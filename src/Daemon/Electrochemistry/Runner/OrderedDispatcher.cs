namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>
/// Delivers items in the order they were enqueued, outside the caller's lock: enqueue under your lock (that fixes
/// the order), then call <see cref="Drain"/> after releasing it. Whichever thread drains delivers everything queued,
/// one item at a time; a handler that enqueues more (e.g. reacts to a state change) sees them delivered after it.
/// </summary>
internal sealed class OrderedDispatcher<T>(Action<T> deliver)
{
    private readonly Queue<T> _queue = new();
    private readonly Lock _gate = new();
    private bool _draining;

    public void Enqueue(T item)
    {
        lock (_gate)
        {
            _queue.Enqueue(item);
        }
    }

    public void Drain()
    {
        lock (_gate)
        {
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        while (true)
        {
            T item;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out item!))
                {
                    _draining = false;
                    return;
                }
            }

            deliver(item);
        }
    }
}
