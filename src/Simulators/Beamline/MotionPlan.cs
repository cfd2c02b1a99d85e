namespace OperandoRig.Simulators.Beamline;

/// <summary>Moves run one after the other (e.g. an overshoot then the backlash approach), then a settle time.</summary>
internal sealed class MotionPlan
{
    private readonly TrapezoidalMove[] _moves;

    public MotionPlan(IEnumerable<TrapezoidalMove> moves, double settleS)
    {
        _moves = [.. moves];
        SettleS = settleS;
        DurationS = _moves.Sum(m => m.DurationS) + settleS;
    }

    /// <summary>Time to wait after the last move before the axis reports done, s.</summary>
    public double SettleS { get; }

    /// <summary>Total duration including the settle time, s.</summary>
    public double DurationS { get; }

    /// <summary>The final position.</summary>
    public double End => _moves[^1].To;

    /// <summary>Position <paramref name="elapsedS"/> seconds after the plan started.</summary>
    public double PositionAt(double elapsedS)
    {
        foreach (var move in _moves)
        {
            if (elapsedS < move.DurationS)
            {
                return move.PositionAt(elapsedS);
            }

            elapsedS -= move.DurationS;
        }

        return End;
    }
}
