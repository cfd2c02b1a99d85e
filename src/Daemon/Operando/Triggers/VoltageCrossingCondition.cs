using System.Globalization;

namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>
/// Fires when the voltage crosses one of <see cref="LevelsV"/> in <see cref="Direction"/> between two samples. After
/// firing, a level re-arms only once the voltage has gone back beyond it by <see cref="HysteresisV"/>, so noise on a
/// flat plateau does not fire it again and again.
/// </summary>
/// <param name="LevelsV">Levels, V.</param>
/// <param name="Direction">Rising, falling or either.</param>
/// <param name="HysteresisV">Re-arm distance, V.</param>
public sealed record VoltageCrossingCondition(IReadOnlyList<double> LevelsV, CrossingDirection Direction, double HysteresisV) : TriggerCondition
{
    /// <inheritdoc />
    public override ITriggerEvaluator CreateEvaluator() => new Evaluator(this);

    /// <inheritdoc />
    public override string Describe() =>
        $"voltage crosses {string.Join(", ", LevelsV.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture) + " V"))}" +
        (Direction == CrossingDirection.Either ? "" : $" {Direction.ToString().ToLowerInvariant()}");

    private sealed class Evaluator(VoltageCrossingCondition c) : ITriggerEvaluator
    {
        private readonly bool[] _risingDisarmed = new bool[c.LevelsV.Count];
        private readonly bool[] _fallingDisarmed = new bool[c.LevelsV.Count];

        public string? Observe(in TriggerObservation o)
        {
            var v = o.Sample.VoltageV;
            string? hit = null;
            for (var i = 0; i < c.LevelsV.Count; i++)
            {
                var level = c.LevelsV[i];
                if (v <= level - c.HysteresisV)
                {
                    _risingDisarmed[i] = false;
                }

                if (v >= level + c.HysteresisV)
                {
                    _fallingDisarmed[i] = false;
                }

                if (o.Previous is not { } p)
                {
                    continue;
                }

                if (c.Direction != CrossingDirection.Falling && !_risingDisarmed[i] && p.VoltageV < level && v >= level)
                {
                    _risingDisarmed[i] = true;
                    hit = FormattableString.Invariant($"voltage rose through {level:0.####} V (at {v:0.####} V)");
                }
                else if (c.Direction != CrossingDirection.Rising && !_fallingDisarmed[i] && p.VoltageV > level && v <= level)
                {
                    _fallingDisarmed[i] = true;
                    hit = FormattableString.Invariant($"voltage fell through {level:0.####} V (at {v:0.####} V)");
                }
            }

            return hit;
        }
    }
}

/// <summary>Which way a voltage crossing counts.</summary>
public enum CrossingDirection
{
    /// <summary>Rising or falling.</summary>
    Either,
    /// <summary>From below.</summary>
    Rising,
    /// <summary>From above.</summary>
    Falling,
}
