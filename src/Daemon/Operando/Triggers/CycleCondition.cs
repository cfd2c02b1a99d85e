namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>Fires once at the first sample of each listed cycle (cycle numbers from the protocol, 1-based).</summary>
/// <param name="Cycles">The cycles.</param>
public sealed record CycleCondition(IReadOnlyList<int> Cycles) : TriggerCondition
{
    /// <inheritdoc />
    public override ITriggerEvaluator CreateEvaluator() => new Evaluator(Cycles);

    /// <inheritdoc />
    public override string Describe() => $"start of cycle {string.Join(", ", Cycles)}";

    private sealed class Evaluator(IReadOnlyList<int> cycles) : ITriggerEvaluator
    {
        private readonly HashSet<int> _fired = [];

        public string? Observe(in TriggerObservation o)
        {
            var cycle = o.Sample.Cycle;
            return cycles.Contains(cycle) && _fired.Add(cycle) ? $"cycle {cycle} started" : null;
        }
    }
}
