namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// One point-to-point move with a trapezoidal velocity profile: accelerate at <see cref="Acceleration"/> to
/// <see cref="Velocity"/>, cruise, decelerate; a short move that cannot reach full speed is triangular.
/// Units are the axis's own (mm, degrees), per second and per second squared.
/// </summary>
/// <param name="From">Start position.</param>
/// <param name="To">End position.</param>
/// <param name="Velocity">Cruise speed, units/s (positive).</param>
/// <param name="Acceleration">Acceleration and deceleration, units/s² (positive).</param>
internal readonly record struct TrapezoidalMove(double From, double To, double Velocity, double Acceleration)
{
    private double Distance => Math.Abs(To - From);

    /// <summary>Peak speed reached: the cruise speed, or √(d·a) for a triangular move.</summary>
    private double PeakVelocity => Distance >= Velocity * Velocity / Acceleration ? Velocity : Math.Sqrt(Distance * Acceleration);

    /// <summary>Duration, s: d/v + v/a when the cruise speed is reached, else 2·√(d/a).</summary>
    public double DurationS
    {
        get
        {
            double d = Distance;
            if (d == 0)
            {
                return 0;
            }

            return d >= Velocity * Velocity / Acceleration ? (d / Velocity) + (Velocity / Acceleration) : 2 * Math.Sqrt(d / Acceleration);
        }
    }

    /// <summary>Position <paramref name="elapsedS"/> seconds after the move started.</summary>
    public double PositionAt(double elapsedS)
    {
        double total = DurationS;
        if (elapsedS <= 0 || total == 0)
        {
            return From;
        }

        if (elapsedS >= total)
        {
            return To;
        }

        double v = PeakVelocity;
        double a = Acceleration;
        double accelS = v / a;
        double travelled = elapsedS < accelS
            ? 0.5 * a * elapsedS * elapsedS
            : elapsedS <= total - accelS
                ? (0.5 * a * accelS * accelS) + (v * (elapsedS - accelS))
                : Distance - (0.5 * a * (total - elapsedS) * (total - elapsedS));
        return From + (Math.Sign(To - From) * travelled);
    }
}
