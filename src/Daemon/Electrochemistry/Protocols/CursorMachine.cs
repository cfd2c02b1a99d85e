using System.Globalization;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// The mutable interpreter behind <see cref="ProtocolCursor"/>: program counter and counters, the control
/// instructions' semantics, and the resolution of a step's conditions. Deterministic: no clock, no I/O.
/// </summary>
internal sealed class CursorMachine
{
    private readonly CompiledProtocol _protocol;
    private readonly ProtocolProgram _program;

    public CursorMachine(CompiledProtocol protocol, CursorState state)
    {
        _protocol = protocol;
        _program = protocol.Program;
        Pc = state.Pc;
        Finished = state.Finished;
        FinishReason = state.FinishReason;
        ElapsedS = state.ElapsedS;
        Cycle = state.Cycle;
        CycleChargeAh = state.CycleChargeAh;
        CycleDischargeAh = state.CycleDischargeAh;
        Completed = [.. state.CompletedCycles];
        LoopIterations = Sized(state.LoopIterations, _program.Loops.Count, 0);
        LoopEnteredAtS = Sized(state.LoopEnteredAtS, _program.Loops.Count, 0.0);
        GroupEnteredAtS = Sized(state.GroupEnteredAtS, _program.Groups.Count, double.NaN);
        GotoTaken = Sized(state.GotoTaken, _program.Gotos.Count, 0);
        LastEndQuantity = Sized(state.LastEndQuantity, protocol.Definitions.Count, -1);
        LastEndVoltageV = state.LastEndVoltageV;
        StepsRun = state.StepsRun;
    }

    public int Pc { get; set; }

    public bool Finished { get; private set; }

    public string FinishReason { get; private set; }

    public double ElapsedS { get; private set; }

    public int Cycle { get; private set; }

    public double CycleChargeAh { get; private set; }

    public double CycleDischargeAh { get; private set; }

    public List<CycleCapacity> Completed { get; }

    public int[] LoopIterations { get; }

    public double[] LoopEnteredAtS { get; }

    public double[] GroupEnteredAtS { get; }

    public int[] GotoTaken { get; }

    public int[] LastEndQuantity { get; }

    public double LastEndVoltageV { get; private set; }

    public int StepsRun { get; private set; }

    /// <summary>What control decisions were taken (for logs), appended by <see cref="Settle"/>.</summary>
    public List<string> Decisions { get; } = [];

    public CursorMachine Clone() => new(_protocol, ToState());

    public CursorState ToState() => new()
    {
        Pc = Pc,
        Finished = Finished,
        FinishReason = FinishReason,
        ElapsedS = ElapsedS,
        Cycle = Cycle,
        CycleChargeAh = CycleChargeAh,
        CycleDischargeAh = CycleDischargeAh,
        CompletedCycles = [.. Completed],
        LoopIterations = [.. LoopIterations],
        LoopEnteredAtS = [.. LoopEnteredAtS],
        GroupEnteredAtS = [.. GroupEnteredAtS],
        GotoTaken = [.. GotoTaken],
        LastEndQuantity = [.. LastEndQuantity],
        LastEndVoltageV = LastEndVoltageV,
        StepsRun = StepsRun,
    };

    /// <summary>The step definition at the program counter (which must be an Exec).</summary>
    public ProtocolStep CurrentStep => _protocol.Definitions[_program.Instructions[Pc].Id];

    /// <summary>
    /// Runs control instructions until the program counter is at a step or the program ended. With
    /// <paramref name="planning"/>, stops (returns false) at a decision that needs step outcomes not known yet
    /// (a conditional loop end or goto); otherwise decides everything, ends expired groups and skips steps whose
    /// computed threshold is already met. Returns true at a step or at the end.
    /// </summary>
    public bool Settle(bool planning)
    {
        var guard = 0;
        while (!Finished)
        {
            if (++guard > 10_000_000)
            {
                throw new InvalidOperationException("the protocol program does not reach a step (an empty loop?)");
            }

            if (Pc >= _program.Instructions.Count)
            {
                Finish("completed");
                return true;
            }

            var ins = _program.Instructions[Pc];
            switch (ins.Op)
            {
                case OpCode.Exec:
                    if (planning || !SkipAtStart())
                    {
                        return true;
                    }

                    break;
                case OpCode.LoopEnter:
                    LoopIterations[ins.Id] = 0;
                    LoopEnteredAtS[ins.Id] = ElapsedS;
                    Pc++;
                    break;
                case OpCode.LoopNext:
                    {
                        var loop = _program.Loops[ins.Id];
                        if (planning && loop.StopWhen is not null)
                        {
                            return false;
                        }

                        LoopIterations[ins.Id]++;
                        if (loop.CountsCycles)
                        {
                            CompleteCycle();
                        }

                        var iterations = LoopIterations[ins.Id];
                        var conditionMet = loop.StopWhen is { } stop && stop.IsMet(ToState(), LoopEnteredAtS[ins.Id]);
                        if (conditionMet || iterations >= loop.MaxIterations)
                        {
                            if (loop.StopWhen is not null)
                            {
                                Decide(conditionMet
                                    ? $"{loop.Field}: ended after {iterations} iterations: {loop.StopWhen.Text}"
                                    : $"{loop.Field}: ended at its maximum of {loop.MaxIterations} iterations");
                            }

                            Pc++;
                        }
                        else
                        {
                            Pc = ins.Target;
                        }

                        break;
                    }

                case OpCode.GroupEnter:
                    GroupEnteredAtS[ins.Id] = ElapsedS;
                    Pc++;
                    break;
                case OpCode.GroupExit:
                    GroupEnteredAtS[ins.Id] = double.NaN;
                    Pc++;
                    break;
                case OpCode.Goto:
                    {
                        var g = _program.Gotos[ins.Id];
                        if (planning && g.When is not null)
                        {
                            return false;
                        }

                        var allowed = g.MaxTimes is not { } max || GotoTaken[ins.Id] < max;
                        var wanted = g.When is not { } when || when.IsMet(ToState(), 0);
                        if (allowed && wanted)
                        {
                            GotoTaken[ins.Id]++;
                            if (g.When is not null || g.MaxTimes is not null)
                            {
                                Decide($"{g.Field}: to '{g.Target}' ({GotoTaken[ins.Id]}. time){(g.When is { } w ? $": {w.Text}" : "")}");
                            }

                            Pc = ins.Target;
                        }
                        else
                        {
                            Pc++;
                        }

                        break;
                    }
            }
        }

        return true;
    }

    /// <summary>Resolves the conditions of the step at the program counter, against the present counters.</summary>
    public List<ActiveCondition> Resolve(ChannelCapabilities caps)
    {
        var step = CurrentStep;
        var list = new List<ActiveCondition>();
        foreach (var groupId in step.GroupIds)
        {
            var group = _program.Groups[groupId];
            foreach (var limit in group.Limits)
            {
                var t = limit.Termination;
                var text = $"group '{group.Label}' {limit.Text}";
                if (t.Quantity == TerminationQuantity.StepTimeS)
                {
                    var left = Math.Max(0, t.Threshold - (ElapsedS - GroupEnteredAtS[groupId]));
                    t = Termination.AfterSeconds(left);
                    text += Invariant($" ({left:G6} s left)");
                }

                list.Add(new ActiveCondition(t, caps.DeviceTerminations.Contains(t.Quantity), ConditionOrigin.Group, groupId, text));
            }
        }

        foreach (var c in step.Until)
        {
            if (Threshold(step, c) is not { } t)
            {
                continue;
            }

            var text = c.Kind == StepConditionKind.Fixed ? c.Text : Invariant($"{c.Text} (step capacity >= {t.Threshold * 1e3:G6} mAh)");
            list.Add(new ActiveCondition(t, caps.DeviceTerminations.Contains(t.Quantity), ConditionOrigin.Step, -1, text));
        }

        var needsEnd = step.Kind is not (StepKind.PotentiostaticImpedance or StepKind.GalvanostaticImpedance);
        if (needsEnd && !list.Any(c => c.OnDevice))
        {
            list.Add(new ActiveCondition(Termination.AfterSeconds(ProtocolCursor.BackstopS), true, ConditionOrigin.Backstop, -1,
                Invariant($"backstop: step time >= {ProtocolCursor.BackstopS / 86400:G3} d (the daemon emulates the step's conditions)")));
        }

        return list;
    }

    /// <summary>Accounts a step's end and moves the program counter past it (or to its group's exit).</summary>
    public void Apply(ProtocolStep step, StepEnd end, ActiveCondition? fired, ProtocolProgram program)
    {
        ElapsedS += Math.Max(0, end.DurationS);
        if (end.StepChargeAh >= 0)
        {
            CycleChargeAh += end.StepChargeAh;
        }
        else
        {
            CycleDischargeAh -= end.StepChargeAh;
        }

        LastEndQuantity[step.Id] = fired is { Origin: not ConditionOrigin.Backstop } f ? (int)f.Termination.Quantity : -1;
        LastEndVoltageV = end.EndVoltageV;
        StepsRun++;
        if (fired is { Origin: ConditionOrigin.Group } limit)
        {
            var group = program.Groups[limit.GroupId];
            if (group.StopProtocolOnLimit)
            {
                Finish($"group '{group.Label}' ({group.Field}) limit {limit.Text} reached; on_limit: stop");
                return;
            }

            Decide($"{group.Field}: group '{group.Label}' ended on its limit {limit.Text}");
            Pc = program.GroupExitPc(limit.GroupId);
            return;
        }

        Pc++;
    }

    /// <summary>True when the step needs the counters at its own start (computed thresholds, a group's time left).</summary>
    public bool NeedsExactState(ProtocolStep step) =>
        !step.HasOnlyFixedConditions || step.GroupIds.Any(g => _program.Groups[g].TimeLimitS is not null);

    private Termination? Threshold(ProtocolStep step, StepCondition c)
    {
        switch (c.Kind)
        {
            case StepConditionKind.CycleCapacity:
                {
                    var soFar = step.Charges ? CycleChargeAh : CycleDischargeAh;
                    return new Termination(TerminationQuantity.StepCapacityAh, TerminationComparison.AtOrAbove, c.Termination.Threshold - soFar);
                }

            case StepConditionKind.FractionOfCycle:
                {
                    var reference = Completed.FirstOrDefault(r => r.Cycle == c.ReferenceCycle);
                    if (reference is null)
                    {
                        return null; // the checker rules this out; a goto-made path could still get here: the condition cannot apply
                    }

                    var capacity = step.Charges ? reference.ChargeAh : reference.DischargeAh;
                    return new Termination(TerminationQuantity.StepCapacityAh, TerminationComparison.AtOrAbove, c.Termination.Threshold * capacity);
                }

            default:
                return c.Termination;
        }
    }

    /// <summary>Ends expired groups and skips a step whose computed threshold is already met; true when it moved on.</summary>
    private bool SkipAtStart()
    {
        var step = CurrentStep;
        foreach (var groupId in step.GroupIds)
        {
            var group = _program.Groups[groupId];
            if (group.TimeLimitS is { } limit && ElapsedS - GroupEnteredAtS[groupId] >= limit)
            {
                if (group.StopProtocolOnLimit)
                {
                    Finish(Invariant($"group '{group.Label}' ({group.Field}) time limit {limit:G6} s reached; on_limit: stop"));
                }
                else
                {
                    Decide(Invariant($"{group.Field}: group '{group.Label}' ended on its time limit {limit:G6} s"));
                    Pc = _program.GroupExitPc(groupId);
                }

                return true;
            }
        }

        foreach (var c in step.Until.Where(c => c.Kind != StepConditionKind.Fixed))
        {
            if (Threshold(step, c) is { Threshold: <= 0 })
            {
                Decide($"{step.Field}: skipped, '{c.Text}' was already met when it was due to start");
                LastEndQuantity[step.Id] = (int)TerminationQuantity.StepCapacityAh;
                Pc++;
                return true;
            }
        }

        return false;
    }

    private void CompleteCycle()
    {
        Completed.Add(new CycleCapacity(Cycle, CycleChargeAh, CycleDischargeAh));
        Cycle++;
        CycleChargeAh = 0;
        CycleDischargeAh = 0;
    }

    private void Finish(string reason)
    {
        Finished = true;
        FinishReason = reason;
    }

    private void Decide(string text) => Decisions.Add(text);

    private static T[] Sized<T>(IReadOnlyList<T> values, int count, T fill)
    {
        var result = new T[count];
        Array.Fill(result, fill);
        for (var i = 0; i < Math.Min(count, values.Count); i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
