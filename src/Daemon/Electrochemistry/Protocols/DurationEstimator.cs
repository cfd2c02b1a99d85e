using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Estimates a protocol's duration by walking its program with a charge-bookkeeping model of the cell: the
/// state of charge moves with every current step (nominal capacity from <see cref="CellReference.CapacityAh"/>),
/// a step that ends on a voltage cut-off takes the time to pass the charge left to the end of the window
/// (0 or 100 %), capacity limits take q/I, time limits cap everything. No fade is modelled.
/// </summary>
internal sealed class DurationEstimator
{
    /// <summary>A CV phase ending on a current passes this share of the nominal capacity (exponential decay).</summary>
    private const double CvPhaseShare = 0.05;

    /// <summary>Loop iterations simulated one by one before the rest are extrapolated from the last.</summary>
    private const int SimulatedIterations = 50;

    private readonly CompiledProtocol _protocol;
    private readonly double? _capacityAh;
    private readonly double _typicalVoltageV;
    private readonly SortedSet<string> _notes = new(StringComparer.Ordinal);
    private double _soc;

    private DurationEstimator(CompiledProtocol protocol)
    {
        _protocol = protocol;
        _capacityAh = protocol.Cell.CapacityAh;
        var cutoffs = protocol.Definitions.SelectMany(d => d.Until)
            .Where(c => c.Kind == StepConditionKind.Fixed && c.Termination.Quantity == TerminationQuantity.VoltageV)
            .Select(c => c.Termination.Threshold).ToList();
        _typicalVoltageV = cutoffs.Count > 0 ? (cutoffs.Min() + cutoffs.Max()) / 2 : 3.7;
        var first = protocol.Definitions.FirstOrDefault(d => d.Kind is StepKind.ConstantCurrent or StepKind.ConstantPower or StepKind.ConstantCurrentConstantVoltage);
        _soc = first is null || first.Charges ? 0 : 1;
    }

    private readonly record struct Span(double Expected, double Min, double? Max)
    {
        public static Span operator +(Span a, Span b) => new(a.Expected + b.Expected, a.Min + b.Min, a.Max + b.Max);

        public Span Times(int n) => new(Expected * n, Min * n, Max * n);
    }

    public static DurationEstimate Estimate(CompiledProtocol protocol)
    {
        var estimator = new DurationEstimator(protocol);
        var span = estimator.Sequence(protocol.Body);
        var method = new List<string>
        {
            "Charge bookkeeping on the nominal capacity: a step ending on a voltage cut-off passes the charge left to the end of the window "
                + "(state of charge 0 or 100 %), a capacity limit takes q/I, a time limit caps the step; no capacity fade or overpotential is modelled.",
            estimator._soc >= 0 && protocol.Definitions.FirstOrDefault(d => d.Kind is StepKind.ConstantCurrent or StepKind.ConstantPower or StepKind.ConstantCurrentConstantVoltage) is { Charges: false }
                ? "The cell is assumed charged at the start (the first current step discharges)."
                : "The cell is assumed discharged at the start (the first current step charges).",
            "Bounds: the lower bound runs conditional loops once, takes every step that can end on a voltage, current, capacity or dV/dt "
                + "as ending at once and lets group limits end their group at once; the upper bound runs every loop to its maximum and every step "
                + "to its time limit (unbounded when a step has none); impedance sweeps count between half and twice their estimate.",
        };
        method.AddRange(estimator._notes);
        return new DurationEstimate(span.Expected, span.Min, span.Max, method);
    }

    /// <summary>Set after a conditional goto until its label: what lies between may be skipped, so it adds nothing to the lower bound.</summary>
    private string? _mayBeSkippedUntil;

    private Span Sequence(IReadOnlyList<ProtocolNode> nodes)
    {
        var total = new Span(0, 0, 0);
        foreach (var node in nodes)
        {
            var skippable = _mayBeSkippedUntil is not null;
            if (node is LabelNode label && label.Name == _mayBeSkippedUntil)
            {
                _mayBeSkippedUntil = null;
            }

            var span = node switch
            {
                StepNode s => Step(s.Step),
                LoopNode l => Loop(l),
                GroupNode g => Group(g),
                GotoNode g => Goto(g),
                _ => new Span(0, 0, 0),
            };
            total += skippable ? span with { Min = 0 } : span;
        }

        return total;
    }

    private Span Goto(GotoNode g)
    {
        if (g.When is not null)
        {
            _mayBeSkippedUntil ??= g.Target;
        }

        _notes.Add(g.When is null && g.MaxTimes is null
            ? "Unconditional gotos skip the steps they jump over in the protocol, but the estimate walks the written order."
            : $"Gotos are assumed not taken ({g.Field}: '{g.Target}'); a taken backward goto repeats steps beyond the upper bound.");
        return new Span(0, 0, 0);
    }

    private Span Group(GroupNode g)
    {
        var body = Sequence(g.Body);
        var limit = g.TimeLimitS;
        var hasOtherLimits = g.Limits.Any(l => l.Termination.Quantity != TerminationQuantity.StepTimeS);
        var expected = limit is { } t ? Math.Min(body.Expected, t) : body.Expected;
        var min = hasOtherLimits ? 0 : limit is { } t2 ? Math.Min(body.Min, t2) : body.Min;
        double? max = limit is { } t3 ? Math.Min(body.Max ?? double.PositiveInfinity, t3) : body.Max;
        if (hasOtherLimits)
        {
            _notes.Add($"Group '{g.Label}' ({g.Field}): its voltage/current limits are assumed not to fire.");
        }

        return new Span(expected, min, max);
    }

    private Span Loop(LoopNode l)
    {
        if (l.Count is { } count)
        {
            return Repeat(l.Body, count, count, count).Span;
        }

        if (l.StopWhen is { Quantity: ControlQuantity.StepEndedOnVoltage } stop)
        {
            var (span, iterations) = Repeat(l.Body, l.MaxIterations, 1, l.MaxIterations, () => _lastEndedOnVoltage.Contains(stop.StepId));
            _notes.Add($"GITT {l.Field}: about {iterations} pulses until the model reaches the cut-off (at most {l.MaxIterations}).");
            return span;
        }

        _notes.Add($"Loop {l.Field} ('{l.StopWhen?.Text}') is assumed to run to its maximum of {l.MaxIterations} iterations: the model has no fade to stop it earlier.");
        return Repeat(l.Body, l.MaxIterations, 1, l.MaxIterations).Span;
    }

    private readonly HashSet<int> _lastEndedOnVoltage = [];

    /// <summary>Runs the body up to <paramref name="expectedCount"/> times (until <paramref name="stop"/>), extrapolating past <see cref="SimulatedIterations"/>.</summary>
    private (Span Span, int Iterations) Repeat(IReadOnlyList<ProtocolNode> body, int expectedCount, int minCount, int maxCount, Func<bool>? stop = null)
    {
        double expected = 0;
        Span first = default;
        Span last = default;
        var n = 0;
        while (n < expectedCount)
        {
            _lastEndedOnVoltage.Clear();
            last = Sequence(body);
            if (n == 0)
            {
                first = last;
            }

            expected += last.Expected;
            n++;
            if (stop?.Invoke() == true)
            {
                break;
            }

            if (n >= SimulatedIterations && stop is null)
            {
                expected += last.Expected * (expectedCount - n);
                n = expectedCount;
                break;
            }
        }

        var min = first.Min * (_mayBeSkippedUntil is null ? minCount : 1); // a goto out of the loop may end it after one iteration
        double? max = first.Max is { } a && last.Max is { } b ? Math.Max(a, b) * maxCount : null;
        return (new Span(expected, min, max), n);
    }

    private Span Step(ProtocolStep step)
    {
        var timeLimit = step.Until.Where(c => c.Kind == StepConditionKind.Fixed && c.Termination.Quantity == TerminationQuantity.StepTimeS)
            .Select(c => (double?)c.Termination.Threshold).Min();
        double expected;
        switch (step.Kind)
        {
            case StepKind.PotentiostaticImpedance or StepKind.GalvanostaticImpedance when step.Impedance is { } sweep:
                expected = sweep.Frequencies().Sum(f => Math.Max(0.2, 3 / f));
                _notes.Add("Impedance sweeps: each frequency takes 3 periods (1 to settle, 2 measured), at least 0.2 s.");
                return new Span(expected, expected * 0.5, expected * 2);
            case StepKind.ConstantCurrent:
                expected = Current(step, Math.Abs(step.CurrentA), timeLimit);
                break;
            case StepKind.ConstantPower:
                _notes.Add(FormattableString.Invariant($"Constant power: the current is taken as P / {_typicalVoltageV:0.###} V (the middle of the protocol's voltage cut-offs)."));
                expected = Current(step, Math.Abs(step.PowerW) / _typicalVoltageV, timeLimit);
                break;
            case StepKind.ConstantCurrentConstantVoltage:
                expected = Cccv(step, timeLimit);
                break;
            default:
                expected = timeLimit ?? Untimed(step);
                break;
        }

        // Bounds: a step that can end on anything but its time limit may end at once; only a time limit bounds it above.
        var timeOnly = step.Until.All(c => c.Kind == StepConditionKind.Fixed && c.Termination.Quantity == TerminationQuantity.StepTimeS);
        return new Span(expected, timeOnly ? expected : 0, timeLimit);
    }

    private double Untimed(ProtocolStep step)
    {
        _notes.Add($"Steps without a time limit and no charge to pass ({step.Field}, {step.Kind}) are taken as 30 min.");
        return 1800;
    }

    /// <summary>Constant current <paramref name="currentA"/> (magnitude): time to the first of its limits, moving the state of charge.</summary>
    private double Current(ProtocolStep step, double currentA, double? timeLimit)
    {
        if (_capacityAh is not { } q || currentA <= 0)
        {
            if (timeLimit is null)
            {
                _notes.Add($"No nominal capacity: {step.Field} (ends on voltage only) is taken as 1 h.");
            }

            return timeLimit ?? 3600;
        }

        var sign = step.Charges ? 1 : -1;
        var candidates = new List<(double S, bool Voltage)>();
        if (timeLimit is { } t)
        {
            candidates.Add((t, false));
        }

        foreach (var c in step.Until)
        {
            switch (c.Kind)
            {
                case StepConditionKind.Fixed when c.Termination.Quantity == TerminationQuantity.VoltageV
                    && c.Termination.Comparison == (sign > 0 ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow):
                    candidates.Add(((sign > 0 ? 1 - _soc : _soc) * q / currentA * 3600, true));
                    break;
                case StepConditionKind.Fixed when c.Termination.Quantity == TerminationQuantity.StepCapacityAh:
                    candidates.Add((c.Termination.Threshold / currentA * 3600, false));
                    break;
                case StepConditionKind.CycleCapacity:
                    candidates.Add((c.Termination.Threshold / currentA * 3600, false));
                    break;
                case StepConditionKind.FractionOfCycle:
                    candidates.Add((c.Termination.Threshold * q / currentA * 3600, false));
                    break;
            }
        }

        if (candidates.Count == 0)
        {
            return Untimed(step);
        }

        var end = candidates.MinBy(x => x.S);
        _soc = Math.Clamp(_soc + (sign * currentA * end.S / 3600 / q), 0, 1);
        if (end.Voltage)
        {
            _soc = sign > 0 ? 1 : 0;
            _lastEndedOnVoltage.Add(step.Id);
        }

        return end.S;
    }

    private double Cccv(ProtocolStep step, double? timeLimit)
    {
        if (_capacityAh is not { } q)
        {
            return timeLimit ?? 3600;
        }

        var currentA = Math.Abs(step.CurrentA);
        var cc = (1 - _soc) * q / currentA * 3600;
        var endCurrent = step.Until.Where(c => c.Termination.Quantity == TerminationQuantity.AbsCurrentA).Select(c => (double?)c.Termination.Threshold).Max();
        double cv = 0;
        if (endCurrent is { } iEnd && iEnd > 0 && iEnd < currentA)
        {
            var tau = CvPhaseShare * q / currentA * 3600;
            cv = tau * Math.Log(currentA / iEnd);
            _notes.Add("CV phases ending on a current: exponential decay passing 5 % of the nominal capacity.");
        }
        else if (timeLimit is { } t)
        {
            cv = Math.Max(0, t - cc);
        }

        _soc = 1;
        var total = cc + cv;
        return timeLimit is { } limit ? Math.Min(limit, total) : total;
    }
}
