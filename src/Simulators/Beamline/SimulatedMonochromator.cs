using System.Globalization;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Drivers.Abstractions.Errors;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// A simulated crystal monochromator. The Bragg axis moves with a trapezoidal profile in angle (a step ΔE turns the
/// crystal by Δθ ≈ tan θ · ΔE / E, so the move time grows with the step), settles, and takes up backlash by approaching
/// every energy from the same side. A move to the present energy is a no-op that takes no time.
/// </summary>
public sealed class SimulatedMonochromator : IEnergyAxis
{
    private readonly SimulatedMonochromatorOptions _options;
    private readonly TimeProvider _clock;
    private readonly AxisMotion _bragg;

    /// <summary>Creates the monochromator at <see cref="SimulatedMonochromatorOptions.InitialEnergyEv"/>.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="clock">The clock every move waits on.</param>
    public SimulatedMonochromator(SimulatedMonochromatorOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
        _bragg = new AxisMotion(options.Name, clock, BraggGeometry.AngleDeg(options.InitialEnergyEv, options.DSpacingAngstrom));
        Faults = new FaultInjector(options.Name, options.Faults, clock, hasAxis: true);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public ValueRange EnergyRangeEv => _options.EnergyRangeEv;

    /// <summary>The fault this device shows; inject or clear at run time.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The photon energy actually passed at <paramref name="time"/>, eV (physics, not affected by faults).</summary>
    public double EnergyEvAt(DateTimeOffset time) => BraggGeometry.EnergyEv(_bragg.PositionAt(time), _options.DSpacingAngstrom);

    /// <summary>The Bragg angle now, degrees.</summary>
    public double BraggAngleDeg => _bragg.Position;

    /// <summary>Moves to <paramref name="target"/> eV and returns when the crystals have settled.</summary>
    /// <exception cref="CapabilityException">The target is outside <see cref="EnergyRangeEv"/>; the message gives both.</exception>
    /// <exception cref="InvalidDeviceStateException">A move is already running, or <see cref="StopAsync"/> stopped this one.</exception>
    public async Task MoveAsync(double target, CancellationToken cancellationToken)
    {
        string description = Format($"move to {target:F3} eV");
        await Faults.CheckRequestAsync(description, cancellationToken);
        if (!EnergyRangeEv.Contains(target))
        {
            throw new CapabilityException(Name, Format($"{target:G8} eV is outside the energy range {EnergyRangeEv} eV"));
        }

        double fromDeg = _bragg.Position;
        double fromEv = BraggGeometry.EnergyEv(fromDeg, _options.DSpacingAngstrom);
        if (!_bragg.IsMoving && Math.Abs(target - fromEv) <= _options.EnergyToleranceEv)
        {
            return;
        }

        if (Faults.AxisStuck)
        {
            await Faults.ThrowStuckAsync("Bragg axis", Format($"{fromDeg:F5}° ({fromEv:F3} eV)"), Format($"{target:F3} eV"), cancellationToken);
        }

        await _bragg.RunAsync(Plan(fromDeg, target), description, deg => Format($"{BraggGeometry.EnergyEv(deg, _options.DSpacingAngstrom):F3} eV"), cancellationToken)
            ;
    }

    /// <summary>Reads the present energy, eV.</summary>
    public async Task<double> ReadAsync(CancellationToken cancellationToken)
    {
        await Faults.CheckRequestAsync("read energy", cancellationToken);
        return Faults.CheckReading(EnergyEvAt(_clock.GetUtcNow()), "energy");
    }

    /// <summary>Stops a running move where the axis is; the move fails with <see cref="InvalidDeviceStateException"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Faults.CheckRequestAsync("stop", cancellationToken);
        _bragg.Stop();
    }

    /// <summary>Straight to the target when approaching from the configured side, else overshoot by the backlash first.</summary>
    private MotionPlan Plan(double fromDeg, double targetEv)
    {
        double toDeg = BraggGeometry.AngleDeg(targetEv, _options.DSpacingAngstrom);
        double v = _options.AngularVelocityDegPerS;
        double a = _options.AngularAccelerationDegPerS2;

        // Higher energy is a smaller angle: approaching from lower energy means the final move has a decreasing angle.
        double approachSign = _options.ApproachFromLowerEnergy ? -1 : 1;
        bool againstApproach = Math.Sign(toDeg - fromDeg) != approachSign;
        if (_options.BacklashDeg > 0 && againstApproach)
        {
            double overshootDeg = toDeg - (approachSign * _options.BacklashDeg);
            return new MotionPlan([new(fromDeg, overshootDeg, v, a), new(overshootDeg, toDeg, v, a)], _options.SettleS);
        }

        return new MotionPlan([new(fromDeg, toDeg, v, a)], _options.SettleS);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
