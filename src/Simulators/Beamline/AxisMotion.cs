using System.Globalization;
using OperandoRig.Drivers.Abstractions.Errors;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// The physical position of one simulated axis on the clock: at rest, or following a <see cref="MotionPlan"/> from the
/// time it started. One move at a time; a stop or a cancelled move freezes the axis where it is.
/// </summary>
internal sealed class AxisMotion(string device, TimeProvider clock, double initialPosition)
{
    private readonly Lock _gate = new();
    private double _restPosition = initialPosition;
    private MotionPlan? _plan;
    private DateTimeOffset _startedAt;
    private CancellationTokenSource? _stop;

    /// <summary>True while a plan runs (including its settle time).</summary>
    public bool IsMoving
    {
        get
        {
            lock (_gate)
            {
                return _plan is not null;
            }
        }
    }

    /// <summary>The position at time <paramref name="time"/> (at or after the present move's start).</summary>
    public double PositionAt(DateTimeOffset time)
    {
        lock (_gate)
        {
            return _plan is null ? _restPosition : _plan.PositionAt((time - _startedAt).TotalSeconds);
        }
    }

    /// <summary>The position now.</summary>
    public double Position => PositionAt(clock.GetUtcNow());

    /// <summary>Runs <paramref name="plan"/> and returns when it has settled.</summary>
    /// <exception cref="InvalidDeviceStateException">Another move is running, or <see cref="Stop"/> ended this one.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled; the axis stops where it is.</exception>
    public async Task RunAsync(MotionPlan plan, string description, Func<double, string> format, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            if (_plan is not null)
            {
                throw new InvalidDeviceStateException(device, $"cannot start {description}: a move is in progress (stop it first)");
            }

            _plan = plan;
            _startedAt = clock.GetUtcNow();
            _stop = stop;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(plan.DurationS), clock, stop.Token);
            Finish(plan.End);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            double where = Finish(null);
            throw new InvalidDeviceStateException(device, string.Create(CultureInfo.InvariantCulture, $"{description} stopped at {format(where)}"));
        }
        catch (OperationCanceledException)
        {
            Finish(null);
            throw;
        }
    }

    /// <summary>Stops the running move, if any; its <see cref="RunAsync"/> fails with <see cref="InvalidDeviceStateException"/>.</summary>
    public void Stop()
    {
        CancellationTokenSource? stop;
        lock (_gate)
        {
            stop = _stop;
        }

        try
        {
            stop?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The move finished between reading the handle and cancelling it: nothing left to stop.
        }
    }

    private double Finish(double? end)
    {
        lock (_gate)
        {
            _restPosition = end ?? (_plan is null ? _restPosition : _plan.PositionAt((clock.GetUtcNow() - _startedAt).TotalSeconds));
            _plan = null;
            _stop = null;
            return _restPosition;
        }
    }
}
