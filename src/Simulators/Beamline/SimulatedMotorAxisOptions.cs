using System.Globalization;
using OperandoRig.Drivers.Abstractions;

namespace OperandoRig.Simulators.Beamline;

/// <summary>Settings of a simulated linear stepper/servo axis; defaults resemble a sample-stage axis.</summary>
public sealed record SimulatedMotorAxisOptions
{
    /// <summary>Axis name (the key in a stage, e.g. <c>x</c>). <value>x</value></summary>
    public string Name { get; init; } = "x";

    /// <summary>Soft limits, mm. <value>-25..25 mm</value></summary>
    public ValueRange LimitsMm { get; init; } = new(-25, 25);

    /// <summary>Position at start-up, mm. <value>0 mm</value></summary>
    public double InitialPositionMm { get; init; }

    /// <summary>Cruise speed, mm/s. <value>2 mm/s</value></summary>
    public double VelocityMmPerS { get; init; } = 2.0;

    /// <summary>Acceleration and deceleration, mm/s². <value>10 mm/s²</value></summary>
    public double AccelerationMmPerS2 { get; init; } = 10.0;

    /// <summary>Settle time after the move before it reports done, s. <value>0.05 s</value></summary>
    public double SettleS { get; init; } = 0.05;

    /// <summary>A move closer than this to the present position is a no-op taking no time, mm. <value>0.1 µm</value></summary>
    public double PositionToleranceMm { get; init; } = 1e-4;

    /// <summary>Injected fault. <value>none</value></summary>
    public FaultOptions Faults { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Name(Name, nameof(Name));
        OptionsCheck.Interval(LimitsMm, $"{Name}.{nameof(LimitsMm)}", "mm");
        if (!LimitsMm.Contains(InitialPositionMm))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialPositionMm), InitialPositionMm, string.Create(CultureInfo.InvariantCulture,
                $"{Name}.{nameof(InitialPositionMm)}: {InitialPositionMm} mm is outside the limits {LimitsMm} mm"));
        }

        OptionsCheck.Positive(VelocityMmPerS, $"{Name}.{nameof(VelocityMmPerS)}", "mm/s");
        OptionsCheck.Positive(AccelerationMmPerS2, $"{Name}.{nameof(AccelerationMmPerS2)}", "mm/s²");
        OptionsCheck.NonNegative(SettleS, $"{Name}.{nameof(SettleS)}", "s");
        OptionsCheck.Positive(PositionToleranceMm, $"{Name}.{nameof(PositionToleranceMm)}", "mm");
        Faults.Validate($"{Name}.{nameof(Faults)}");
    }
}
