using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Works out which condition ended a step: the one the runner names, else the device condition whose text
/// starts the device's reason (<see cref="Termination.ToString"/>, e.g. <c>VoltageV &gt;= 4.25 (measured 4.2501)</c>),
/// else the first condition the end values meet exactly, then within measurement tolerance (2 mV, 2 % of
/// a current, 0.5 % of a capacity), else a dV/dt condition (no single sample shows a slope).
/// </summary>
internal static class FiredCondition
{
    public static int? Find(SegmentStep step, StepEnd end)
    {
        var conditions = step.Conditions;
        if (end.FiredCondition is { } named && named >= 0 && named < conditions.Count)
        {
            return named;
        }

        if (!string.IsNullOrEmpty(end.Reason))
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                if (conditions[i].OnDevice && end.Reason.StartsWith(conditions[i].Termination.ToString(), StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        foreach (var tolerant in new[] { false, true })
        {
            for (var i = 0; i < conditions.Count; i++)
            {
                if (IsMet(conditions[i].Termination, end, tolerant))
                {
                    return i;
                }
            }
        }

        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].Termination.Quantity == TerminationQuantity.AbsVoltageSlopeVPerS)
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsMet(Termination t, StepEnd end, bool tolerant)
    {
        var (value, tolerance) = t.Quantity switch
        {
            TerminationQuantity.VoltageV => (end.EndVoltageV, 2e-3),
            TerminationQuantity.CurrentA => (end.EndCurrentA, (Math.Abs(t.Threshold) * 0.02) + 1e-9),
            TerminationQuantity.AbsCurrentA => (Math.Abs(end.EndCurrentA), (Math.Abs(t.Threshold) * 0.02) + 1e-9),
            TerminationQuantity.StepTimeS => (end.DurationS, (Math.Abs(t.Threshold) * 1e-9) + 1e-6),
            TerminationQuantity.StepCapacityAh => (Math.Abs(end.StepChargeAh), (Math.Abs(t.Threshold) * 0.005) + 1e-12),
            _ => (double.NaN, 0),
        };

        if (double.IsNaN(value))
        {
            return false;
        }

        if (t.Quantity == TerminationQuantity.StepTimeS)
        {
            return value >= t.Threshold - tolerance;
        }

        var shift = tolerant ? tolerance : 0;
        return t.Comparison == TerminationComparison.AtOrAbove ? value >= t.Threshold - shift : value <= t.Threshold + shift;
    }
}
