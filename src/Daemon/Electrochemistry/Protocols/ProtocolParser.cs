using System.Globalization;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Parses a protocol file (YAML) into a <see cref="CompiledProtocol"/>: a flat, immutable step list with
/// loops unrolled, every quantity in SI, each step remembering the line it came from. Steps are written
/// either as PyBaMM-style sentences (<c>Charge at C/10 until 4.25 V or 12 h</c>, <c>Rest for 30 min</c>,
/// <c>Hold at 4.25 V until C/50</c>) or as maps (<c>cc</c>, <c>cv</c>, <c>cccv</c>, <c>rest</c>, <c>repeat</c>).
/// </summary>
public static partial class ProtocolParser
{
    /// <summary>Most steps a protocol may unroll to, so a typo in a loop count cannot exhaust memory.</summary>
    public const int MaxSteps = 200_000;

    /// <summary>Parses <paramref name="yaml"/>; <paramref name="source"/> names the file in errors.</summary>
    public static CompiledProtocol Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ProtocolException(source, (int)ex.Start.Line, "(file)", $"not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ProtocolException(source, 1, "(file)", "expected a map with 'name', 'cell' and 'steps'");
        }

        var context = new ParseContext(source);
        context.RejectUnknownKeys(root, "", "name", "cell", "steps");
        var name = root.Children.TryGetValue(new YamlScalarNode("name"), out var n) ? context.Scalar(n, "name") : source;
        var cell = ParseCell(context, root);
        if (!root.Children.TryGetValue(new YamlScalarNode("steps"), out var stepsNode) || stepsNode is not YamlSequenceNode steps || steps.Children.Count == 0)
        {
            throw new ProtocolException(source, (int)root.Start.Line, "steps", "missing or empty; list the steps the cell goes through");
        }

        var builder = new StepListBuilder(context, cell);
        builder.AddSequence(steps, "steps");
        return new CompiledProtocol(name, cell, builder.Steps);
    }

    private static CellReference ParseCell(ParseContext context, YamlMappingNode root)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("cell"), out var node))
        {
            return new CellReference(null, null);
        }

        if (node is not YamlMappingNode map)
        {
            throw context.Error(node, "cell", "expected a map with capacity (or active_mass and specific_capacity) and area");
        }

        context.RejectUnknownKeys(map, "cell.", "capacity", "active_mass", "specific_capacity", "area");
        var none = new CellReference(null, null);
        double? capacityAh = null;
        if (map.Children.TryGetValue(new YamlScalarNode("capacity"), out var c))
        {
            capacityAh = context.Quantity(c, "cell.capacity", Dimension.Charge, none);
        }
        else if (map.Children.TryGetValue(new YamlScalarNode("active_mass"), out var m))
        {
            var massG = context.Mass(m, "cell.active_mass");
            if (!map.Children.TryGetValue(new YamlScalarNode("specific_capacity"), out var sc))
            {
                throw context.Error(m, "cell.specific_capacity", "missing; active_mass needs a specific capacity such as 200 mAh/g");
            }

            capacityAh = massG * context.SpecificCapacity(sc, "cell.specific_capacity");
        }

        if (capacityAh is <= 0)
        {
            throw context.Error(map, "cell.capacity", "must be above 0 Ah");
        }

        double? areaCm2 = map.Children.TryGetValue(new YamlScalarNode("area"), out var a) ? context.Area(a, "cell.area") : null;
        return new CellReference(capacityAh, areaCm2);
    }

    /// <summary>Unrolls steps and loops into the flat list, numbering cycles.</summary>
    private sealed class StepListBuilder(ParseContext context, CellReference cell)
    {
        private int _cycle = 1;

        public List<CompiledStep> Steps { get; } = [];

        public void AddSequence(YamlSequenceNode sequence, string path)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                AddStep(sequence.Children[i], $"{path}[{i}]");
            }
        }

        private void AddStep(YamlNode node, string path)
        {
            if (node is YamlScalarNode scalar)
            {
                Add(StepSentence.Parse(context, scalar, path, cell), node, path);
                return;
            }

            if (node is not YamlMappingNode map || map.Children.Count == 0)
            {
                throw context.Error(node, path, "expected a step sentence (e.g. 'Rest for 10 min') or a map such as cc:, cv:, cccv:, rest:, repeat:");
            }

            var key = context.Scalar(map.Children.First().Key, path);
            if (key == "repeat")
            {
                AddRepeat(map, path);
                return;
            }

            if (map.Children.Count != 1)
            {
                throw context.Error(map, path, $"a '{key}' step is one key with its settings below it");
            }

            Add(StructuredStep.Parse(context, key, map.Children.First().Value, $"{path}.{key}", cell), node, path);
        }

        private void AddRepeat(YamlMappingNode map, string path)
        {
            context.RejectUnknownKeys(map, path + ".", "repeat", "steps");
            var countNode = map.Children[new YamlScalarNode("repeat")];
            var countText = context.Scalar(countNode, $"{path}.repeat");
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw context.Error(countNode, $"{path}.repeat", $"'{countText}' must be a whole number of times, 1 or more");
            }

            if (!map.Children.TryGetValue(new YamlScalarNode("steps"), out var inner) || inner is not YamlSequenceNode innerSteps || innerSteps.Children.Count == 0)
            {
                throw context.Error(map, $"{path}.steps", "a repeat needs a non-empty list of steps");
            }

            var containsLoop = innerSteps.Children.OfType<YamlMappingNode>()
                .Any(m => m.Children.ContainsKey(new YamlScalarNode("repeat")));
            for (var i = 0; i < count; i++)
            {
                AddSequence(innerSteps, $"{path}.steps");
                if (!containsLoop)
                {
                    _cycle++; // an innermost loop's iteration is one cycle
                }
            }
        }

        private void Add(StepDraft draft, YamlNode node, string path)
        {
            if (Steps.Count >= MaxSteps)
            {
                throw context.Error(node, path, FormattableString.Invariant($"the protocol unrolls to more than {MaxSteps} steps; reduce the repeat counts"));
            }

            var step = new ChannelStep(draft.Kind, draft.CurrentA, draft.VoltageV, draft.Terminations, draft.Label, _cycle,
                draft.Impedance, draft.HoldAtPresentVoltage);
            Steps.Add(new CompiledStep(step, (int)node.Start.Line, path));
        }
    }
}
