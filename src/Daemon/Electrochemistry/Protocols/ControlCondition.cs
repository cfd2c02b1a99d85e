using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>What a loop or goto condition looks at.</summary>
public enum ControlQuantity
{
    /// <summary>Charge capacity of the last completed cycle, Ah.</summary>
    ChargeCapacityAh,
    /// <summary>Discharge capacity of the last completed cycle, Ah (magnitude).</summary>
    DischargeCapacityAh,
    /// <summary>Discharge over charge capacity of the last completed cycle, as a fraction.</summary>
    CoulombicEfficiency,
    /// <summary>The voltage at the end of the last step, V.</summary>
    EndVoltageV,
    /// <summary>Time since the loop was entered (for gotos: since the protocol started), s.</summary>
    ElapsedTimeS,
    /// <summary>True when step <see cref="ControlCondition.StepId"/> last ended on its voltage cut-off (GITT).</summary>
    StepEndedOnVoltage,
    /// <summary>The number of completed cycles.</summary>
    CompletedCycles,
}

/// <summary>
/// A condition that decides a loop or a goto, evaluated by the daemon between steps from the counters the
/// <see cref="ProtocolCursor"/> keeps (e.g. <c>discharge capacity &lt; 80 % of cycle 1</c>).
/// </summary>
/// <param name="Quantity">What is compared.</param>
/// <param name="Comparison">Which side of the threshold makes the condition true.</param>
/// <param name="Threshold">SI threshold, or a fraction when <paramref name="ReferenceCycle"/> is set.</param>
/// <param name="Text">The condition as written.</param>
/// <param name="ReferenceCycle">For capacities: compare with this fraction of cycle N's capacity (0: absolute).</param>
/// <param name="Negated">True for <c>while</c> conditions: the loop stops when the written condition is false.</param>
/// <param name="StepId">For <see cref="ControlQuantity.StepEndedOnVoltage"/>: the step definition watched.</param>
public sealed record ControlCondition(
    ControlQuantity Quantity,
    TerminationComparison Comparison,
    double Threshold,
    string Text,
    int ReferenceCycle = 0,
    bool Negated = false,
    int StepId = -1)
{
    /// <summary>Whether the condition holds in <paramref name="state"/>; <paramref name="sinceS"/> is when the loop (or protocol) began.</summary>
    public bool IsMet(CursorState state, double sinceS)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Evaluate(state, sinceS) != Negated;
    }

    private bool Evaluate(CursorState state, double sinceS)
    {
        var last = state.CompletedCycles.Count > 0 ? state.CompletedCycles[^1] : null;
        double value;
        switch (Quantity)
        {
            case ControlQuantity.StepEndedOnVoltage:
                return StepId >= 0 && StepId < state.LastEndQuantity.Count && state.LastEndQuantity[StepId] == (int)TerminationQuantity.VoltageV;
            case ControlQuantity.EndVoltageV:
                if (double.IsNaN(state.LastEndVoltageV))
                {
                    return false;
                }

                value = state.LastEndVoltageV;
                break;
            case ControlQuantity.ElapsedTimeS:
                value = state.ElapsedS - sinceS;
                break;
            case ControlQuantity.CompletedCycles:
                value = state.CompletedCycles.Count;
                break;
            case ControlQuantity.CoulombicEfficiency:
                if (last is null || last.ChargeAh <= 0)
                {
                    return false; // nothing to compare yet
                }

                value = last.DischargeAh / last.ChargeAh;
                break;
            default:
                if (last is null)
                {
                    return false; // no cycle has ended yet
                }

                value = Quantity == ControlQuantity.ChargeCapacityAh ? last.ChargeAh : last.DischargeAh;
                break;
        }

        var threshold = Threshold;
        if (ReferenceCycle > 0)
        {
            var reference = state.CompletedCycles.FirstOrDefault(c => c.Cycle == ReferenceCycle);
            if (reference is null)
            {
                return false; // the reference cycle has not ended yet
            }

            threshold *= Quantity == ControlQuantity.ChargeCapacityAh ? reference.ChargeAh : reference.DischargeAh;
        }

        return Comparison == TerminationComparison.AtOrAbove ? value >= threshold : value <= threshold;
    }
}
