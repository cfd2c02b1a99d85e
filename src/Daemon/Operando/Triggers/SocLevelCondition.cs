using System.Globalization;

namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>
/// Fires when the state of charge reaches one of <see cref="Levels"/> while the current flows in <see cref="On"/>'s
/// direction. A level is reached when the step from the previous sample to this one touches it (within
/// <see cref="ToleranceSoc"/>, so a step that ends exactly on a level, e.g. a capacity-limited charge reaching 100 %,
/// counts). Each level fires at most once per half-cycle (a run of samples with one current sign; rests and holds do not
/// end a half-cycle), so it fires again on the next charge.
/// </summary>
/// <param name="Levels">The levels, fractions.</param>
/// <param name="On">Charge, discharge or either.</param>
public sealed record SocLevelCondition(IReadOnlyList<double> Levels, CurrentDirection On) : TriggerCondition
{
    /// <summary>0.01 % SOC.</summary>
    public const double ToleranceSoc = 1e-4;

    /// <inheritdoc />
    public override ITriggerEvaluator CreateEvaluator() => new Evaluator(this);

    /// <inheritdoc />
    public override string Describe() =>
        $"SOC {string.Join(", ", Levels.Select(l => (l * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %"))}" +
        (On == CurrentDirection.Any ? "" : $" on {On.ToString().ToLowerInvariant()}");

    private sealed class Evaluator(SocLevelCondition condition) : ITriggerEvaluator
    {
        private readonly HashSet<int> _fired = [];
        private int _halfCycleSign;

        public string? Observe(in TriggerObservation o)
        {
            var sign = o.CurrentSign;
            if (sign == 0)
            {
                return null;
            }

            if (sign != _halfCycleSign)
            {
                _halfCycleSign = sign;
                _fired.Clear();
            }

            if ((condition.On == CurrentDirection.Charge && sign < 0) || (condition.On == CurrentDirection.Discharge && sign > 0))
            {
                return null;
            }

            string? hit = null;
            for (var i = 0; i < condition.Levels.Count; i++)
            {
                var level = condition.Levels[i];
                var reached = sign > 0
                    ? o.PreviousSoc <= level + ToleranceSoc && o.Soc >= level - ToleranceSoc
                    : o.PreviousSoc >= level - ToleranceSoc && o.Soc <= level + ToleranceSoc;
                if (reached && _fired.Add(i))
                {
                    // Several levels in one step (a coarse sample period): report the last one reached; the others are
                    // passed and counted as fired, since the cell can no longer be stopped on them.
                    hit = FormattableString.Invariant($"SOC {level * 100:0.##} % reached on {(sign > 0 ? "charge" : "discharge")} (at {o.Soc * 100:0.###} %)");
                }
            }

            return hit;
        }
    }
}
