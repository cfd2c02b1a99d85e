namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Lowers the program tree to instructions and resolves gotos. A goto may only jump to a label in its own
/// block or an enclosing one: never into a loop or a group from outside (that would skip the loop's or the
/// group's start), and never backwards without a <c>max</c> (it could loop forever).
/// </summary>
internal static class ProgramCompiler
{
    /// <summary>The label that means "the end of the protocol".</summary>
    public const string EndLabel = "end";

    public static ProtocolProgram Compile(ParseContext context, IReadOnlyList<ProtocolNode> body, int stepCount, int loopCount, int groupCount, int gotoCount)
    {
        var emitter = new Emitter(loopCount, groupCount, gotoCount);
        emitter.Emit(context, body, []);
        var code = emitter.Code;
        foreach (var (pc, node, scope) in emitter.GotoSites)
        {
            int target;
            if (node.Target == EndLabel)
            {
                target = code.Count;
            }
            else if (!emitter.Labels.TryGetValue(node.Target, out var label))
            {
                var known = emitter.Labels.Count == 0 ? "none" : string.Join(", ", emitter.Labels.Keys.Order(StringComparer.Ordinal));
                throw new ProtocolException(context.Source, node.SourceLine, node.Field, $"'{node.Target}' is not a label of this protocol; labels: {known} (and 'end')");
            }
            else
            {
                if (label.Scope.Count > scope.Count || !label.Scope.SequenceEqual(scope.Take(label.Scope.Count)))
                {
                    var block = label.Scope[^1];
                    throw new ProtocolException(context.Source, node.SourceLine, node.Field,
                        $"goto '{node.Target}' jumps into the {block.Kind} at {block.Field} (line {block.Line}) from outside it; "
                        + $"a goto may only jump to a label in its own block or an enclosing one, or the {block.Kind}'s start would be skipped");
                }

                target = label.Pc;
            }

            if (target <= pc && node.MaxTimes is null)
            {
                throw new ProtocolException(context.Source, node.SourceLine, node.Field,
                    $"goto '{node.Target}' jumps back and could repeat forever; add max: N (the most times it is taken)");
            }

            code[pc] = code[pc] with { Target = target };
        }

        if (!code.Any(i => i.Op == OpCode.Exec) || stepCount == 0)
        {
            throw new ProtocolException(context.Source, 1, "steps", "the protocol has no step");
        }

        return new ProtocolProgram(code, emitter.Loops!, emitter.Groups!, emitter.Gotos!);
    }

    private sealed record Block(string Kind, int Id, string Field, int Line);

    private sealed record LabelSite(int Pc, IReadOnlyList<Block> Scope);

    private sealed class Emitter(int loopCount, int groupCount, int gotoCount)
    {
        public List<Instruction> Code { get; } = [];

        public Dictionary<string, LabelSite> Labels { get; } = new(StringComparer.Ordinal);

        public List<(int Pc, GotoNode Node, IReadOnlyList<Block> Scope)> GotoSites { get; } = [];

        public LoopNode[] Loops { get; } = new LoopNode[loopCount];

        public GroupNode[] Groups { get; } = new GroupNode[groupCount];

        public GotoNode[] Gotos { get; } = new GotoNode[gotoCount];

        public void Emit(ParseContext context, IReadOnlyList<ProtocolNode> nodes, IReadOnlyList<Block> scope)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case StepNode s:
                        Code.Add(new Instruction(OpCode.Exec, s.Step.Id, 0));
                        break;
                    case LoopNode l:
                        {
                            Loops[l.LoopId] = l;
                            Code.Add(new Instruction(OpCode.LoopEnter, l.LoopId, 0));
                            var bodyStart = Code.Count;
                            Emit(context, l.Body, [.. scope, new Block(l.Kind == "gitt" ? "GITT loop" : "loop", l.LoopId, l.Field, l.SourceLine)]);
                            Code.Add(new Instruction(OpCode.LoopNext, l.LoopId, bodyStart));
                            break;
                        }

                    case GroupNode g:
                        {
                            Groups[g.GroupId] = g;
                            var enter = Code.Count;
                            Code.Add(new Instruction(OpCode.GroupEnter, g.GroupId, 0));
                            Emit(context, g.Body, [.. scope, new Block("group", g.GroupId, g.Field, g.SourceLine)]);
                            Code[enter] = Code[enter] with { Target = Code.Count };
                            Code.Add(new Instruction(OpCode.GroupExit, g.GroupId, 0));
                            break;
                        }

                    case LabelNode label:
                        if (!Labels.TryAdd(label.Name, new LabelSite(Code.Count, scope)))
                        {
                            throw new ProtocolException(context.Source, label.SourceLine, label.Field, $"label '{label.Name}' is defined twice");
                        }

                        break;
                    case GotoNode g:
                        Gotos[g.GotoId] = g;
                        GotoSites.Add((Code.Count, g, scope));
                        Code.Add(new Instruction(OpCode.Goto, g.GotoId, -1));
                        break;
                }
            }
        }
    }
}
