namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>
/// Integrates I·dt and V·I·dt over the interval between two consecutive samples.
/// <list type="bullet">
/// <item>Within one step, I and V are taken as linear between the samples (trapezoidal rule for the charge, the exact
/// integral of the product of the two linear interpolants for the energy). When the current changes sign inside the
/// interval, it is split at the zero crossing and each part counted on its own side.</item>
/// <item>When the later sample starts a new step (step index, cycle or a step time that went backwards), the current
/// jumped at the step start, which a trapezoid across the boundary would smear into a ramp. The part of the
/// interval inside the new step (its <c>StepTimeS</c>, at most the interval) is integrated with the new sample's
/// current and voltage held, which is exact for constant-current and rest steps; time before the new step started
/// (normally none, since devices sample at every step end) carries no recorded current and adds nothing.</item>
/// </list>
/// </summary>
internal static class IntervalIntegrator
{
    private const double SecondsPerHour = 3600;

    /// <summary>True when <paramref name="b"/> belongs to a different step than <paramref name="a"/>.</summary>
    public static bool StartsNewStep(in AnalyzerSample a, in AnalyzerSample b) =>
        b.StepIndex != a.StepIndex || b.Cycle != a.Cycle || b.StepTimeS < a.StepTimeS;

    /// <summary>The integral over [a, b]; zero when the interval is empty.</summary>
    public static IntervalIntegral Integrate(in AnalyzerSample a, in AnalyzerSample b)
    {
        var dt = b.TimeUnixS - a.TimeUnixS;
        if (!(dt > 0))
        {
            return default;
        }

        if (StartsNewStep(a, b))
        {
            // A NaN step time (a device that does not report it) holds the new current over the whole interval.
            var inStepS = b.StepTimeS >= 0 ? Math.Min(b.StepTimeS, dt) : dt;
            return Piece(b.VoltageV, b.CurrentA, b.VoltageV, b.CurrentA, inStepS);
        }

        var ia = a.CurrentA;
        var ib = b.CurrentA;
        if ((ia > 0 && ib < 0) || (ia < 0 && ib > 0))
        {
            var s0 = ia / (ia - ib);
            var v0 = a.VoltageV + ((b.VoltageV - a.VoltageV) * s0);
            var first = Piece(a.VoltageV, ia, v0, 0, s0 * dt);
            var second = Piece(v0, 0, b.VoltageV, ib, (1 - s0) * dt);
            return ia > 0
                ? new IntervalIntegral(first.ChargeAh, second.DischargeAh, first.ChargeWh, second.DischargeWh,
                    a.VoltageV, v0, v0, b.VoltageV)
                : new IntervalIntegral(second.ChargeAh, first.DischargeAh, second.ChargeWh, first.DischargeWh,
                    v0, b.VoltageV, a.VoltageV, v0);
        }

        return Piece(a.VoltageV, ia, b.VoltageV, ib, dt);
    }

    /// <summary>One part with a current of one sign, V and I linear from (v0, i0) to (v1, i1) over durationS.</summary>
    private static IntervalIntegral Piece(double v0, double i0, double v1, double i1, double durationS)
    {
        var chargeAh = durationS * (i0 + i1) / (2 * SecondsPerHour);
        var energyWh = durationS * ((2 * v0 * i0) + (v0 * i1) + (v1 * i0) + (2 * v1 * i1)) / (6 * SecondsPerHour);
        if (chargeAh > 0)
        {
            return new IntervalIntegral(chargeAh, 0, energyWh, 0, v0, v1, 0, 0);
        }

        if (chargeAh < 0)
        {
            return new IntervalIntegral(0, -chargeAh, 0, -energyWh, 0, 0, v0, v1);
        }

        return default;
    }
}
