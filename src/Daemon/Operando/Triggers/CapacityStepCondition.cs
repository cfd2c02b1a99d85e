namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>Fires each time another <see cref="StepAh"/> of charge has passed (either direction counts), from the first sample.</summary>
/// <param name="StepAh">The charge between firings, Ah (above 0).</param>
public sealed record CapacityStepCondition(double StepAh) : TriggerCondition
{
    /// <inheritdoc />
    public override ITriggerEvaluator CreateEvaluator() => new Evaluator(StepAh);

    /// <inheritdoc />
    public override string Describe() => FormattableString.Invariant($"every {StepAh * 1e3:G4} mAh passed");

    private sealed class Evaluator(double stepAh) : ITriggerEvaluator
    {
        private double _passedAh;
        private long _fired;

        public string? Observe(in TriggerObservation o)
        {
            if (o.Previous is { } p)
            {
                _passedAh += Math.Abs(o.Sample.ChargeAh - p.ChargeAh);
            }

            var due = (long)Math.Floor((_passedAh / stepAh) + 1e-9);
            if (due <= _fired)
            {
                return null;
            }

            _fired = due;
            return FormattableString.Invariant($"{due * stepAh * 1e3:G6} mAh passed");
        }
    }
}
