using OperandoRig.Drivers.Abstractions.Potentiostat;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Parses a protocol file (YAML) into a <see cref="CompiledProtocol"/>: an immutable program of steps, loops,
/// groups, labels and gotos, every quantity in SI, each element remembering the line it came from. Steps are
/// written either as PyBaMM-style sentences (<c>Charge at C/10 until 4.25 V or 12 h</c>, <c>Rest for 30 min</c>,
/// <c>Hold at 4.25 V until C/50</c>, <c>Discharge at 5 mW until 2.6 V</c>) or as maps (<c>charge</c>,
/// <c>discharge</c>, <c>cv</c>, <c>cccv</c>, <c>rest</c>/<c>ocv</c>, <c>peis</c>, <c>geis</c>); control flow and
/// macros as <c>repeat</c>, <c>group</c>, <c>label</c>, <c>goto</c>, <c>gitt</c> and <c>ladder</c>
/// (see config/experiments/README.md). Programs without conditional control flow also get the flat step
/// list of <see cref="CompiledProtocol.Steps"/>, loops unrolled and cycles numbered.
/// </summary>
public static class ProtocolParser
{
    /// <summary>Most steps a linear protocol may unroll to, so a typo in a loop count cannot exhaust memory.</summary>
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

        var builder = new ProgramTreeBuilder(context, cell);
        var body = builder.Sequence(steps, "steps");
        var program = ProgramCompiler.Compile(context, body, builder.Definitions.Count, builder.LoopCount, builder.GroupCount, builder.GotoCount);
        CycleReferenceCheck.Check(context, body);
        var protocol = new CompiledProtocol(name, cell, [])
        {
            Body = body,
            Definitions = builder.Definitions,
            Program = program,
        };
        return protocol.IsLinear ? protocol with { Steps = LinearUnroller.Unroll(context, protocol) } : protocol with { Steps = protocol.DefinitionSteps() };
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
}
