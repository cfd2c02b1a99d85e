namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// How long the beamline's actions take, for dry runs: monochromator and stage motion (trapezoidal profiles and settle
/// times, the monochromator's Bragg geometry and backlash), detector read-out, shutter strokes. Configured from the
/// rig file's <c>beamline:</c> section, the same numbers the simulated devices run on (for real hardware: the
/// controllers' velocities, accelerations and settle times).
/// </summary>
/// <param name="Mono">The monochromator's motion.</param>
/// <param name="Axes">Each stage axis's motion, by name.</param>
/// <param name="DetectorReadoutS">Read-out time after a count, s, by detector.</param>
/// <param name="ShutterMoveS">Time to open or close the shutter, s (0 without one).</param>
public sealed record BeamlineTiming(
    MonoTiming Mono,
    IReadOnlyDictionary<string, AxisTiming> Axes,
    IReadOnlyDictionary<string, double> DetectorReadoutS,
    double ShutterMoveS);

/// <summary>A Bragg monochromator's motion: E = hc / (2d sin θ), trapezoidal moves in angle, backlash taken up by
/// approaching every energy from one side, a settle time; a move within the tolerance is free.</summary>
/// <param name="DSpacingAngstrom">Crystal d-spacing, Å.</param>
/// <param name="VelocityDegPerS">Bragg-axis cruise speed, °/s.</param>
/// <param name="AccelerationDegPerS2">Bragg-axis acceleration, °/s².</param>
/// <param name="SettleS">Settle after each move, s.</param>
/// <param name="BacklashDeg">Backlash overshoot, ° (0: none).</param>
/// <param name="ApproachFromLowerEnergy">True when the final approach is towards higher energy.</param>
/// <param name="ToleranceEv">A move closer than this is a no-op, eV.</param>
public sealed record MonoTiming(
    double DSpacingAngstrom, double VelocityDegPerS, double AccelerationDegPerS2, double SettleS, double BacklashDeg, bool ApproachFromLowerEnergy,
    double ToleranceEv)
{
    /// <summary>h·c, eV·Å.</summary>
    public const double HcEvAngstrom = 12398.419843320026;

    /// <summary>Bragg angle of <paramref name="energyEv"/>, degrees.</summary>
    public double AngleDeg(double energyEv) => Math.Asin(HcEvAngstrom / (2 * DSpacingAngstrom * energyEv)) * 180 / Math.PI;

    /// <summary>Time to move from <paramref name="fromEv"/> to <paramref name="toEv"/>, s, including settle.</summary>
    public double MoveS(double fromEv, double toEv)
    {
        if (Math.Abs(toEv - fromEv) <= ToleranceEv)
        {
            return 0;
        }

        double a = AngleDeg(fromEv), b = AngleDeg(toEv);
        double approachSign = ApproachFromLowerEnergy ? -1 : 1;
        if (BacklashDeg > 0 && Math.Sign(b - a) != approachSign)
        {
            double over = b - (approachSign * BacklashDeg);
            return Trapezoid(Math.Abs(over - a), VelocityDegPerS, AccelerationDegPerS2) + Trapezoid(Math.Abs(b - over), VelocityDegPerS, AccelerationDegPerS2) + SettleS;
        }

        return Trapezoid(Math.Abs(b - a), VelocityDegPerS, AccelerationDegPerS2) + SettleS;
    }

    /// <summary>Duration of a trapezoidal (or triangular) move over <paramref name="d"/>: d/v + v/a, or 2·√(d/a).</summary>
    internal static double Trapezoid(double d, double v, double a) =>
        d == 0 ? 0 : d >= v * v / a ? (d / v) + (v / a) : 2 * Math.Sqrt(d / a);
}

/// <summary>A linear axis's motion: trapezoidal profile and a settle time; a move within the tolerance is free.</summary>
/// <param name="VelocityMmPerS">Cruise speed, mm/s.</param>
/// <param name="AccelerationMmPerS2">Acceleration, mm/s².</param>
/// <param name="SettleS">Settle after each move, s.</param>
/// <param name="ToleranceMm">A move closer than this is a no-op, mm.</param>
public sealed record AxisTiming(double VelocityMmPerS, double AccelerationMmPerS2, double SettleS, double ToleranceMm)
{
    /// <summary>Time to move by <paramref name="distanceMm"/>, s, including settle.</summary>
    public double MoveS(double distanceMm) => Math.Abs(distanceMm) <= ToleranceMm
        ? 0
        : MonoTiming.Trapezoid(Math.Abs(distanceMm), VelocityMmPerS, AccelerationMmPerS2) + SettleS;
}
