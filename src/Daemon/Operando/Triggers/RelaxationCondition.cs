namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>
/// Fires once per step when the voltage has changed by less than <see cref="MaxRateVPerS"/> × <see cref="WindowS"/> over
/// the last <see cref="WindowS"/> of that step (|dV/dt| below the threshold, measured over a window so that noise does
/// not dominate). Used e.g. to scan once a rest has relaxed.
/// </summary>
/// <param name="MaxRateVPerS">Threshold of |dV/dt|, V/s.</param>
/// <param name="WindowS">The window the rate is measured over, s.</param>
public sealed record RelaxationCondition(double MaxRateVPerS, double WindowS) : TriggerCondition
{
    /// <inheritdoc />
    public override ITriggerEvaluator CreateEvaluator() => new Evaluator(this);

    /// <inheritdoc />
    public override string Describe() => FormattableString.Invariant($"|dV/dt| below {MaxRateVPerS * 6e4:G4} mV/min over {WindowS:G4} s");

    private sealed class Evaluator(RelaxationCondition c) : ITriggerEvaluator
    {
        private readonly VoltageRateWindow _window = new(c.WindowS);
        private (string RunId, int Step, int Cycle) _step;
        private bool _firedInStep;

        public string? Observe(in TriggerObservation o)
        {
            var s = o.Sample;
            var step = (s.RunId, s.StepIndex, s.Cycle);
            if (step != _step)
            {
                _step = step;
                _firedInStep = false;
                _window.Clear();
            }

            _window.Add(s.TimeUnixS, s.VoltageV);
            if (_firedInStep || _window.RateVPerS() is not { } rate || Math.Abs(rate) >= c.MaxRateVPerS)
            {
                return null;
            }

            _firedInStep = true;
            return FormattableString.Invariant($"|dV/dt| {Math.Abs(rate) * 6e4:G3} mV/min below {c.MaxRateVPerS * 6e4:G3} mV/min in step {s.StepIndex}");
        }
    }
}
