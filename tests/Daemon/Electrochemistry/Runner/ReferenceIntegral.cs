using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// The test's own integral of I·dt over stored samples, written from the rule in the analytics README and not from
/// the engine's code: trapezoid between two samples of one step, split at a zero crossing of the current; across a
/// step start, the new step's current held over its step time (at most the interval).
/// </summary>
internal static class ReferenceIntegral
{
    public static (double ChargeAh, double DischargeAh) Of(IEnumerable<SampleRecord> samples)
    {
        double charge = 0, discharge = 0;
        SampleRecord? a = null;
        foreach (var b in samples)
        {
            if (a is not null)
            {
                var dt = b.TimeUnixS - a.TimeUnixS;
                var newStep = b.StepIndex != a.StepIndex || b.Cycle != a.Cycle || b.StepTimeS < a.StepTimeS;
                if (dt > 0 && newStep)
                {
                    var q = b.CurrentA * Math.Min(b.StepTimeS, dt) / 3600;
                    (charge, discharge) = q >= 0 ? (charge + q, discharge) : (charge, discharge - q);
                }
                else if (dt > 0 && a.CurrentA * b.CurrentA < 0)
                {
                    var tZero = dt * a.CurrentA / (a.CurrentA - b.CurrentA);
                    var first = a.CurrentA * tZero / 7200;
                    var second = b.CurrentA * (dt - tZero) / 7200;
                    charge += Math.Max(first, 0) + Math.Max(second, 0);
                    discharge -= Math.Min(first, 0) + Math.Min(second, 0);
                }
                else if (dt > 0)
                {
                    var q = (a.CurrentA + b.CurrentA) * dt / 7200;
                    (charge, discharge) = q >= 0 ? (charge + q, discharge) : (charge, discharge - q);
                }
            }

            a = b;
        }

        return (charge, discharge);
    }
}
