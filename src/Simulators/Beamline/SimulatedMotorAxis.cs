using System.Globalization;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Drivers.Abstractions.Errors;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// A simulated linear axis: trapezoidal velocity profile (t = d/v + v/a, or 2·√(d/a) for short moves), a settle time,
/// soft limits checked before moving, a no-op for a move to the present position.
/// </summary>
public sealed class SimulatedMotorAxis : IMotorAxis
{
    private readonly SimulatedMotorAxisOptions _options;
    private readonly TimeProvider _clock;
    private readonly AxisMotion _motion;

    /// <summary>Creates the axis at <see cref="SimulatedMotorAxisOptions.InitialPositionMm"/>.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="clock">The clock every move waits on.</param>
    public SimulatedMotorAxis(SimulatedMotorAxisOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
        _motion = new AxisMotion(options.Name, clock, options.InitialPositionMm);
        Faults = new FaultInjector(options.Name, options.Faults, clock, hasAxis: true);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public ValueRange LimitsMm => _options.LimitsMm;

    /// <summary>The fault this device shows; inject or clear at run time.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Where the axis physically is at <paramref name="time"/>, mm (physics, not affected by faults).</summary>
    public double PositionMmAt(DateTimeOffset time) => _motion.PositionAt(time);

    /// <summary>Time a move of <paramref name="distanceMm"/> takes including the settle time, s (0 for no move).</summary>
    public double MoveDurationS(double distanceMm) => Math.Abs(distanceMm) <= _options.PositionToleranceMm
        ? 0
        : new TrapezoidalMove(0, Math.Abs(distanceMm), _options.VelocityMmPerS, _options.AccelerationMmPerS2).DurationS + _options.SettleS;

    /// <summary>Moves to <paramref name="target"/> mm and returns when settled.</summary>
    /// <exception cref="CapabilityException">The target is outside <see cref="LimitsMm"/>; the message gives both.</exception>
    /// <exception cref="InvalidDeviceStateException">A move is already running, or <see cref="StopAsync"/> stopped this one.</exception>
    public async Task MoveAsync(double target, CancellationToken cancellationToken)
    {
        string description = Format($"move to {target:F4} mm");
        await Faults.CheckRequestAsync(description, cancellationToken);
        CheckLimits(target);
        double from = _motion.Position;
        if (!_motion.IsMoving && Math.Abs(target - from) <= _options.PositionToleranceMm)
        {
            return;
        }

        if (Faults.AxisStuck)
        {
            await Faults.ThrowStuckAsync($"axis {Name}", Format($"{from:F4} mm"), Format($"{target:F4} mm"), cancellationToken);
        }

        var plan = new MotionPlan([new(from, target, _options.VelocityMmPerS, _options.AccelerationMmPerS2)], _options.SettleS);
        await _motion.RunAsync(plan, description, mm => Format($"{mm:F4} mm"), cancellationToken);
    }

    /// <summary>Reads the present position, mm.</summary>
    public async Task<double> ReadAsync(CancellationToken cancellationToken)
    {
        await Faults.CheckRequestAsync("read position", cancellationToken);
        return Faults.CheckReading(_motion.PositionAt(_clock.GetUtcNow()), "position");
    }

    /// <summary>Stops a running move where the axis is; the move fails with <see cref="InvalidDeviceStateException"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Faults.CheckRequestAsync("stop", cancellationToken);
        _motion.Stop();
    }

    /// <summary>Throws <see cref="CapabilityException"/> when <paramref name="targetMm"/> is outside the limits.</summary>
    internal void CheckLimits(double targetMm)
    {
        if (!LimitsMm.Contains(targetMm))
        {
            throw new CapabilityException(Name, Format($"{targetMm:G8} mm is outside the limits {LimitsMm} mm of axis {Name}"));
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
