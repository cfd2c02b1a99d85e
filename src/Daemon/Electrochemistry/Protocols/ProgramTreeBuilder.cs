using System.Globalization;
using System.Text.RegularExpressions;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>Builds the program tree from the YAML step list: steps, loops, groups, labels, gotos and macros.</summary>
internal sealed partial class ProgramTreeBuilder(ParseContext context, CellReference cell)
{
    private readonly List<int> _groupStack = [];

    public List<ProtocolStep> Definitions { get; } = [];

    public int LoopCount { get; private set; }

    public int GroupCount { get; private set; }

    public int GotoCount { get; private set; }

    public List<ProtocolNode> Sequence(YamlSequenceNode sequence, string path)
    {
        var nodes = new List<ProtocolNode>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            nodes.AddRange(Item(sequence.Children[i], $"{path}[{i}]"));
        }

        return nodes;
    }

    private IEnumerable<ProtocolNode> Item(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar)
        {
            return [Step(StepSentence.Parse(context, scalar, path, cell), node, path)];
        }

        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            throw context.Error(node, path, "expected a step sentence (e.g. 'Rest for 10 min') or a map such as charge:, cv:, cccv:, rest:, repeat:, group:, gitt:, ladder:");
        }

        var key = context.Scalar(map.Children.First().Key, path);
        switch (key)
        {
            case "repeat":
                return [Repeat(map, path)];
            case "group":
                return [Group(map, path)];
        }

        if (map.Children.Count != 1)
        {
            throw context.Error(map, path, $"a '{key}' item is one key with its settings below it");
        }

        var body = map.Children.First().Value;
        return key switch
        {
            "label" => [Label(body, path)],
            "goto" => [Goto(body, path)],
            "gitt" => [Gitt(body, $"{path}.gitt")],
            "ladder" => Ladder(body, $"{path}.ladder"),
            _ => [Step(StructuredStep.Parse(context, key, body, $"{path}.{key}", cell), node, path)],
        };
    }

    private StepNode Step(StepDraft draft, YamlNode node, string path)
    {
        var step = new ProtocolStep(Definitions.Count, draft.Kind, draft.CurrentA, draft.VoltageV, draft.PowerW, draft.Conditions, draft.Label,
            draft.Impedance, draft.HoldAtPresentVoltage, (int)node.Start.Line, path, [.. _groupStack])
        {
            FitCircuit = draft.FitCircuit,
        };
        Definitions.Add(step);
        return new StepNode(step);
    }

    private LoopNode Repeat(YamlMappingNode map, string path)
    {
        context.RejectUnknownKeys(map, path + ".", "repeat", "steps");
        var spec = map.Children[new YamlScalarNode("repeat")];
        int? count = null;
        ControlCondition? stopWhen = null;
        int max;
        if (spec is YamlMappingNode options)
        {
            context.RejectUnknownKeys(options, $"{path}.repeat.", "until", "while", "max");
            var hasUntil = options.Children.TryGetValue(new YamlScalarNode("until"), out var untilNode);
            var hasWhile = options.Children.TryGetValue(new YamlScalarNode("while"), out var whileNode);
            if (hasUntil == hasWhile)
            {
                throw context.Error(options, $"{path}.repeat", "give either 'until: <condition>' or 'while: <condition>' (or a count: 'repeat: 3')");
            }

            var condNode = hasUntil ? untilNode! : whileNode!;
            var field = $"{path}.repeat.{(hasUntil ? "until" : "while")}";
            stopWhen = ControlConditionParser.TryParse(context.Scalar(condNode, field), cell, negated: !hasUntil, out var c, out var error)
                ? c
                : throw context.Error(condNode, field, error);
            if (!options.Children.TryGetValue(new YamlScalarNode("max"), out var maxNode))
            {
                throw context.Error(options, $"{path}.repeat.max", "missing; a conditional loop needs a maximum number of iterations so it cannot run forever");
            }

            max = Count(maxNode, $"{path}.repeat.max");
        }
        else
        {
            max = Count(spec, $"{path}.repeat");
            count = max;
        }

        if (!map.Children.TryGetValue(new YamlScalarNode("steps"), out var inner) || inner is not YamlSequenceNode innerSteps || innerSteps.Children.Count == 0)
        {
            throw context.Error(map, $"{path}.steps", "a repeat needs a non-empty list of steps");
        }

        var id = LoopCount++;
        var body = Sequence(innerSteps, $"{path}.steps");
        return new LoopNode(id, count, stopWhen, max, !ContainsCycleLoop(body), "repeat", body, (int)map.Start.Line, path);
    }

    private GroupNode Group(YamlMappingNode map, string path)
    {
        context.RejectUnknownKeys(map, path + ".", "group", "until", "on_limit", "steps");
        var header = map.Children[new YamlScalarNode("group")];
        var label = header is YamlScalarNode { Value: { Length: > 0 } v } ? v : "group";
        if (!map.Children.TryGetValue(new YamlScalarNode("until"), out var until))
        {
            throw context.Error(map, $"{path}.until", "missing; a group ends all its steps on its limits, e.g. until: [time >= 24 h, voltage <= 5 mV]");
        }

        var limits = new List<StepCondition>();
        var items = until is YamlSequenceNode seq ? seq.Children : [until];
        for (var i = 0; i < items.Count; i++)
        {
            var field = until is YamlSequenceNode ? $"{path}.until[{i}]" : $"{path}.until";
            var text = context.Scalar(items[i], field);
            var c = ConditionParser.TryParse(text, cell, out var parsed, out var error) ? parsed! : throw context.Error(items[i], field, error);
            if (c.Kind != StepConditionKind.Fixed || c.Termination.Quantity == TerminationQuantity.StepCapacityAh)
            {
                throw context.Error(items[i], field, $"'{text}': a group limit is a voltage, current, dV/dt or time (since the group started)");
            }

            limits.Add(c);
        }

        var stop = false;
        if (map.Children.TryGetValue(new YamlScalarNode("on_limit"), out var onLimit))
        {
            stop = context.Scalar(onLimit, $"{path}.on_limit") switch
            {
                "stop" => true,
                "continue" => false,
                var other => throw context.Error(onLimit, $"{path}.on_limit", $"'{other}' must be 'continue' (go on after the group) or 'stop' (end the protocol)"),
            };
        }

        if (!map.Children.TryGetValue(new YamlScalarNode("steps"), out var inner) || inner is not YamlSequenceNode innerSteps || innerSteps.Children.Count == 0)
        {
            throw context.Error(map, $"{path}.steps", "a group needs a non-empty list of steps");
        }

        var id = GroupCount++;
        _groupStack.Add(id);
        var body = Sequence(innerSteps, $"{path}.steps");
        _groupStack.RemoveAt(_groupStack.Count - 1);
        return new GroupNode(id, label, limits, stop, body, (int)map.Start.Line, path);
    }

    private LabelNode Label(YamlNode body, string path)
    {
        var name = context.Scalar(body, $"{path}.label");
        if (!LabelName().IsMatch(name))
        {
            throw context.Error(body, $"{path}.label", $"'{name}' is not a label name; use letters, digits, '_' and '-', starting with a letter");
        }

        return name == "end"
            ? throw context.Error(body, $"{path}.label", "'end' is reserved: 'goto: end' ends the protocol")
            : new LabelNode(name, (int)body.Start.Line, $"{path}.label");
    }

    private GotoNode Goto(YamlNode body, string path)
    {
        var field = $"{path}.goto";
        if (body is YamlScalarNode)
        {
            return new GotoNode(GotoCount++, context.Scalar(body, field), null, null, (int)body.Start.Line, field);
        }

        if (body is not YamlMappingNode map)
        {
            throw context.Error(body, field, "expected a label name or { to: label, if: condition, max: N }");
        }

        context.RejectUnknownKeys(map, field + ".", "to", "if", "max");
        var target = map.Children.TryGetValue(new YamlScalarNode("to"), out var to)
            ? context.Scalar(to, $"{field}.to")
            : throw context.Error(map, $"{field}.to", "missing; the label to jump to");
        ControlCondition? when = null;
        if (map.Children.TryGetValue(new YamlScalarNode("if"), out var ifNode))
        {
            when = ControlConditionParser.TryParse(context.Scalar(ifNode, $"{field}.if"), cell, negated: false, out var c, out var error)
                ? c
                : throw context.Error(ifNode, $"{field}.if", error);
        }

        int? max = map.Children.TryGetValue(new YamlScalarNode("max"), out var maxNode) ? Count(maxNode, $"{field}.max") : null;
        return new GotoNode(GotoCount++, target, when, max, (int)map.Start.Line, field);
    }

    /// <summary>
    /// GITT: pulses at a current for a time, each followed by a rest (and optionally an impedance sweep at open
    /// circuit), repeated until a pulse reaches the voltage cut-off.
    /// </summary>
    private LoopNode Gitt(YamlNode body, string path)
    {
        if (body is not YamlMappingNode map)
        {
            throw context.Error(body, path, "expected { discharge: C/10, pulse: 30 min, rest: 30 min, until: 1.5 V } (charge: instead of discharge: for a charge)");
        }

        context.RejectUnknownKeys(map, path + ".", "charge", "discharge", "pulse", "rest", "rest_until", "until", "eis", "max_pulses", "label");
        var hasCharge = map.Children.TryGetValue(new YamlScalarNode("charge"), out var chargeNode);
        var hasDischarge = map.Children.TryGetValue(new YamlScalarNode("discharge"), out var dischargeNode);
        if (hasCharge == hasDischarge)
        {
            throw context.Error(map, $"{path}.discharge", "give the pulse current as either 'discharge: C/10' or 'charge: C/10'");
        }

        var currentField = hasCharge ? $"{path}.charge" : $"{path}.discharge";
        var currentA = Math.Abs(context.Quantity(hasCharge ? chargeNode! : dischargeNode!, currentField, Dimension.Current, cell)) * (hasCharge ? 1 : -1);
        if (currentA == 0)
        {
            throw context.Error(map, currentField, "a GITT pulse needs a current above 0 A");
        }

        var pulseS = StructuredStep.Required(context, map, path, "pulse", Dimension.Time, cell);
        var restS = StructuredStep.Required(context, map, path, "rest", Dimension.Time, cell);
        var cutoffV = StructuredStep.Required(context, map, path, "until", Dimension.Voltage, cell);
        var label = StructuredStep.Label(context, map, path, "gitt");
        int max;
        if (map.Children.TryGetValue(new YamlScalarNode("max_pulses"), out var maxNode))
        {
            max = Count(maxNode, $"{path}.max_pulses");
        }
        else if (cell.CapacityAh is { } capacityAh)
        {
            max = (int)Math.Ceiling(2 * capacityAh / (Math.Abs(currentA) * pulseS / 3600)); // twice the pulses a full window needs
        }
        else
        {
            throw context.Error(map, $"{path}.max_pulses", "missing; give max_pulses, or cell.capacity so the default (twice the pulses the capacity needs) can be computed");
        }

        var id = LoopCount++;
        var direction = currentA > 0 ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow;
        var line = (int)map.Start.Line;
        var pulse = Definition(StepKind.ConstantCurrent, currentA, 0,
            [StepCondition.Of(Termination.AfterSeconds(pulseS), $"pulse {pulseS:G6} s"), StepCondition.Of(new Termination(TerminationQuantity.VoltageV, direction, cutoffV), $"cut-off {cutoffV:G6} V")],
            $"{label} pulse", line, $"{path}.pulse");
        var restConditions = new List<StepCondition> { StepCondition.Of(Termination.AfterSeconds(restS), $"rest {restS:G6} s") };
        if (map.Children.TryGetValue(new YamlScalarNode("rest_until"), out var restUntil))
        {
            var text = context.Scalar(restUntil, $"{path}.rest_until");
            restConditions.Add(ConditionParser.TryParse(text, cell, out var c, out var error) ? c! : throw context.Error(restUntil, $"{path}.rest_until", error));
        }

        var nodes = new List<ProtocolNode> { pulse, Definition(StepKind.Rest, 0, 0, restConditions, $"{label} rest", line, $"{path}.rest") };
        if (map.Children.TryGetValue(new YamlScalarNode("eis"), out var eisNode))
        {
            if (eisNode is not YamlMappingNode eis)
            {
                throw context.Error(eisNode, $"{path}.eis", "expected { from: 1 MHz, to: 100 mHz, points_per_decade: 5, amplitude: 10 mV } (PEIS at open circuit)");
            }

            context.RejectUnknownKeys(eis, $"{path}.eis.", "from", "to", "points_per_decade", "amplitude", "circuit");
            var sweep = StructuredStep.Sweep(context, eis, $"{path}.eis", Dimension.Voltage, cell);
            nodes.Add(Definition(StepKind.PotentiostaticImpedance, 0, 0, [], $"{label} eis", (int)eis.Start.Line, $"{path}.eis", sweep, holdAtPresentVoltage: true,
                fitCircuit: StructuredStep.Circuit(context, eis, $"{path}.eis")));
        }

        var stop = new ControlCondition(ControlQuantity.StepEndedOnVoltage, TerminationComparison.AtOrAbove, 0,
            string.Create(CultureInfo.InvariantCulture, $"a pulse reached the cut-off {cutoffV:G6} V"), StepId: ((StepNode)pulse).Step.Id);
        return new LoopNode(id, null, stop, max, CountsCycles: false, "gitt", nodes, line, path);
    }

    /// <summary>A potentiostatic ladder: CV holds from one potential to another in equal steps, or at listed potentials.</summary>
    private List<ProtocolNode> Ladder(YamlNode body, string path)
    {
        if (body is not YamlMappingNode map)
        {
            throw context.Error(body, path, "expected { from: 3.9 V, to: 2.8 V, step: 100 mV, hold: 30 min } or { potentials: [1.5 V, 1.0 V, 0.5 V, 4 V], hold: 30 min }");
        }

        context.RejectUnknownKeys(map, path + ".", "from", "to", "step", "potentials", "hold", "until", "label");
        var levels = new List<(double VoltageV, YamlNode Node)>();
        if (map.Children.TryGetValue(new YamlScalarNode("potentials"), out var listNode))
        {
            if (listNode is not YamlSequenceNode list || list.Children.Count == 0 || map.Children.ContainsKey(new YamlScalarNode("from")))
            {
                throw context.Error(listNode, $"{path}.potentials", "expected a non-empty list of potentials such as [1.5 V, 1.0 V], instead of from/to/step");
            }

            for (var i = 0; i < list.Children.Count; i++)
            {
                levels.Add((context.Quantity(list.Children[i], $"{path}.potentials[{i}]", Dimension.Voltage, cell), list.Children[i]));
            }
        }
        else
        {
            var from = StructuredStep.Required(context, map, path, "from", Dimension.Voltage, cell);
            var to = StructuredStep.Required(context, map, path, "to", Dimension.Voltage, cell);
            var stepNode = map.Children.TryGetValue(new YamlScalarNode("step"), out var s) ? s : throw context.Error(map, $"{path}.step", "missing; the potential step such as 100 mV");
            var stepV = Math.Abs(context.Quantity(stepNode, $"{path}.step", Dimension.Voltage, cell));
            var intervals = stepV > 0 ? Math.Abs(to - from) / stepV : double.NaN;
            if (!(stepV > 0) || Math.Abs(intervals - Math.Round(intervals)) > 1e-6 || Math.Round(intervals) > 1000)
            {
                throw context.Error(stepNode, $"{path}.step", string.Create(CultureInfo.InvariantCulture,
                    $"'{context.Scalar(stepNode, $"{path}.step")}' must divide the span {from:G6} V .. {to:G6} V into at most 1000 equal steps"));
            }

            var n = (int)Math.Round(intervals);
            for (var i = 0; i <= n; i++)
            {
                levels.Add((from + (Math.Sign(to - from) * i * stepV), stepNode));
            }
        }

        var hold = StructuredStep.Terminations(context, map, path, cell, required: false);
        if (map.Children.TryGetValue(new YamlScalarNode("hold"), out var holdNode))
        {
            hold.Insert(0, StepCondition.Of(Termination.AfterSeconds(context.Quantity(holdNode, $"{path}.hold", Dimension.Time, cell)), $"hold {context.Scalar(holdNode, $"{path}.hold")}"));
        }

        if (hold.Count == 0)
        {
            throw context.Error(map, $"{path}.hold", "missing; each level needs a hold time (hold: 30 min) or an until condition (until: current <= C/50)");
        }

        var label = StructuredStep.Label(context, map, path, "ladder");
        return [.. levels.Select((l, i) => Definition(StepKind.ConstantVoltage, 0, l.VoltageV, hold,
            string.Create(CultureInfo.InvariantCulture, $"{label} {l.VoltageV:0.###} V"), (int)l.Node.Start.Line, $"{path}[{i}]"))];
    }

    private StepNode Definition(StepKind kind, double currentA, double voltageV, IReadOnlyList<StepCondition> until, string label, int line, string field,
        ImpedanceSweep? sweep = null, bool holdAtPresentVoltage = false, string? fitCircuit = null)
    {
        var step = new ProtocolStep(Definitions.Count, kind, currentA, voltageV, 0, until, label, sweep, holdAtPresentVoltage, line, field, [.. _groupStack])
        {
            FitCircuit = fitCircuit,
        };
        Definitions.Add(step);
        return new StepNode(step);
    }

    private int Count(YamlNode node, string field)
    {
        var text = context.Scalar(node, field);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? count
            : throw context.Error(node, field, $"'{text}' must be a whole number of times, 1 or more");
    }

    private static bool ContainsCycleLoop(IEnumerable<ProtocolNode> nodes) => nodes.Any(n => n switch
    {
        LoopNode l => l.CountsCycles || ContainsCycleLoop(l.Body),
        GroupNode g => ContainsCycleLoop(g.Body),
        _ => false,
    });

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex LabelName();
}
