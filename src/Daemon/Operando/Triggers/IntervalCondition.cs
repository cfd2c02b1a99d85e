namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>Fires every <see cref="PeriodS"/> of daemon time, the first time one period after the first sample.</summary>
/// <param name="PeriodS">The interval, s (above 0).</param>
public sealed record IntervalCondition(double PeriodS) : TriggerCondition
{
    /// <inheritdoc />
    public override ITriggerEvaluator CreateEvaluator() => new Evaluator(PeriodS);

    /// <inheritdoc />
    public override string Describe() => FormattableString.Invariant($"every {PeriodS:G6} s");

    private sealed class Evaluator(double periodS) : ITriggerEvaluator
    {
        private double? _nextDueUnixS;

        public string? Observe(in TriggerObservation o)
        {
            var t = o.Sample.TimeUnixS;
            if (_nextDueUnixS is not { } due)
            {
                _nextDueUnixS = t + periodS;
                return null;
            }

            if (t < due)
            {
                return null;
            }

            // A late sample (e.g. after a long hold) fires once and the schedule continues from it: no burst of catch-up scans.
            _nextDueUnixS = Math.Max(due + periodS, t + (periodS / 2));
            return FormattableString.Invariant($"interval of {periodS:G6} s elapsed");
        }
    }
}
