namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Rejects conditions that refer to a cycle which may not have ended when they are first evaluated
/// (<c>capacity &gt;= 80 % of cycle 3</c> in cycle 2): such a condition could never be decided. Works on the
/// smallest cycle number each element can run in (conditional loops run at least once, a group may end at
/// its first step, a forward goto may skip what lies between).
/// </summary>
internal static class CycleReferenceCheck
{
    public static void Check(ParseContext context, IReadOnlyList<ProtocolNode> body) =>
        Walk(context, body, 1, new Dictionary<string, int>(StringComparer.Ordinal));

    private static int Walk(ParseContext context, IReadOnlyList<ProtocolNode> nodes, int minCycle, Dictionary<string, int> pending)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case StepNode s:
                    foreach (var c in s.Step.Until.Where(c => c.Kind == StepConditionKind.FractionOfCycle))
                    {
                        Require(context, node, c.Text, c.ReferenceCycle, minCycle - 1);
                    }

                    break;
                case LoopNode l:
                    {
                        var bodyEnd = Walk(context, l.Body, minCycle, pending);
                        var perIteration = l.CountsCycles ? 1 : bodyEnd - minCycle;
                        if (l.StopWhen is { ReferenceCycle: > 0 } stop)
                        {
                            Require(context, node, stop.Text, stop.ReferenceCycle, minCycle - 1 + perIteration);
                        }

                        minCycle += (l.Count ?? 1) * perIteration;
                        break;
                    }

                case GroupNode g:
                    Walk(context, g.Body, minCycle, pending); // a limit may end the group at its first step: no cycle is sure to pass
                    break;
                case LabelNode label:
                    if (pending.TryGetValue(label.Name, out var fromGoto))
                    {
                        minCycle = Math.Min(minCycle, fromGoto);
                    }

                    break;
                case GotoNode g:
                    if (g.When is { ReferenceCycle: > 0 } when)
                    {
                        Require(context, node, when.Text, when.ReferenceCycle, minCycle - 1);
                    }

                    pending[g.Target] = pending.TryGetValue(g.Target, out var earlier) ? Math.Min(earlier, minCycle) : minCycle;
                    break;
            }
        }

        return minCycle;
    }

    private static void Require(ParseContext context, ProtocolNode node, string text, int referenceCycle, int lastCompletedCycle)
    {
        if (referenceCycle > lastCompletedCycle)
        {
            var there = lastCompletedCycle < 1 ? "no cycle has ended there yet" : $"only cycle {lastCompletedCycle} is sure to have ended there";
            throw new ProtocolException(context.Source, node.SourceLine, node.Field,
                $"'{text}' refers to cycle {referenceCycle}, which may not have ended when this is first evaluated ({there})");
        }
    }
}
