namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>
/// Fires when a protocol step starts or ends: at the first sample of a new step (for an end, the step that just ended).
/// <see cref="LabelContains"/> (case-insensitive) picks the steps; null matches every step. A step's end is seen at the
/// first sample of the next one, so a hold triggered by it begins at the start of the next step.
/// </summary>
/// <param name="Edge">Start or end.</param>
/// <param name="LabelContains">Text the step's label must contain, or null for any step.</param>
public sealed record StepEdgeCondition(StepEdge Edge, string? LabelContains) : TriggerCondition
{
    /// <inheritdoc />
    public override ITriggerEvaluator CreateEvaluator() => new Evaluator(this);

    /// <inheritdoc />
    public override string Describe() => $"step {Edge.ToString().ToLowerInvariant()}" + (LabelContains is null ? "" : $" ('{LabelContains}')");

    private bool Matches(string label) => LabelContains is null || label.Contains(LabelContains, StringComparison.OrdinalIgnoreCase);

    private sealed class Evaluator(StepEdgeCondition c) : ITriggerEvaluator
    {
        public string? Observe(in TriggerObservation o)
        {
            var s = o.Sample;
            if (o.Previous is { } p && p.StepIndex == s.StepIndex && p.Cycle == s.Cycle && p.RunId == s.RunId)
            {
                return null;
            }

            if (c.Edge == StepEdge.Start)
            {
                return c.Matches(s.StepLabel) ? $"step {s.StepIndex} '{s.StepLabel}' started" : null;
            }

            return o.Previous is { } ended && c.Matches(ended.StepLabel) ? $"step {ended.StepIndex} '{ended.StepLabel}' ended" : null;
        }
    }
}

/// <summary>Which edge of a step.</summary>
public enum StepEdge
{
    /// <summary>The step began.</summary>
    Start,
    /// <summary>The step ended.</summary>
    End,
}
