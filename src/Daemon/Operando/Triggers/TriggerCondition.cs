using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>
/// When a trigger fires, as data (parsed from the plan). Each condition makes a fresh stateful evaluator per channel,
/// which sees the channel's samples in order.
/// </summary>
public abstract record TriggerCondition
{
    /// <summary>A new evaluator in its initial (armed) state.</summary>
    public abstract ITriggerEvaluator CreateEvaluator();

    /// <summary>The condition in words, e.g. <c>SOC 20 %, 40 % on charge</c>.</summary>
    public abstract string Describe();
}

/// <summary>A condition's state over one channel's sample stream.</summary>
public interface ITriggerEvaluator
{
    /// <summary>
    /// Sees the next sample (not one taken while the operando engine held the cell: those are skipped, so a hold never
    /// looks like a crossing); returns what was reached, or null.
    /// </summary>
    string? Observe(in TriggerObservation observation);
}

/// <summary>One sample as a trigger sees it.</summary>
/// <param name="Sample">The sample.</param>
/// <param name="Soc">Its state of charge (fraction).</param>
/// <param name="Previous">The previous sample the evaluators saw, or null at the first.</param>
/// <param name="PreviousSoc">Its state of charge (equal to <paramref name="Soc"/> at the first sample).</param>
/// <param name="ZeroCurrentA">Currents below this magnitude count as none (no direction).</param>
public readonly record struct TriggerObservation(SampleRecord Sample, double Soc, SampleRecord? Previous, double PreviousSoc, double ZeroCurrentA)
{
    /// <summary>+1 charging, -1 discharging, 0 no current.</summary>
    public int CurrentSign => Math.Abs(Sample.CurrentA) < ZeroCurrentA ? 0 : Math.Sign(Sample.CurrentA);
}

/// <summary>Which way the cell must be going for a level to count.</summary>
public enum CurrentDirection
{
    /// <summary>Either way.</summary>
    Any,
    /// <summary>Charging (positive current).</summary>
    Charge,
    /// <summary>Discharging (negative current).</summary>
    Discharge,
}
