using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Operando.Beam;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Operando.Plans;

/// <summary>
/// Parses an operando plan file (a map under the key <c>operando:</c>) into an <see cref="OperandoPlan"/>. Every
/// quantity carries its unit; paths are relative to the plan file. See the README section "Operando experiments".
/// </summary>
public static class OperandoPlanParser
{
    private static readonly (string, HoldPolicy)[] HoldPolicies =
        [("open_circuit", HoldPolicy.OpenCircuit), ("hold_voltage", HoldPolicy.HoldVoltage), ("keep_current", HoldPolicy.KeepCurrent)];

    /// <summary>Reads and parses the plan file at <paramref name="path"/>.</summary>
    public static OperandoPlan Load(string path)
    {
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), Path.GetFileName(full), Path.GetDirectoryName(full)!);
    }

    /// <summary>Parses <paramref name="yaml"/>; <paramref name="source"/> names it in errors, <paramref name="baseDirectory"/> anchors relative paths.</summary>
    public static OperandoPlan Parse(string yaml, string source, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var r = new PlanReader(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new OperandoPlanException(source, (int)ex.Start.Line, "(file)", $"not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new OperandoPlanException(source, 1, "(file)", "expected a map with the key 'operando'");
        }

        r.RejectUnknownKeys(root, "", "operando");
        var op = r.Map(r.Required(root, "operando", "", "an operando plan lives under the key 'operando'"), "operando", "name, beam, scans, cells");
        r.RejectUnknownKeys(op, "operando.", "name", "beam", "scans", "cells");
        var name = r.Optional(op, "name") is { } n ? r.Scalar(n, "operando.name") : source;
        var beam = r.Optional(op, "beam") is { } b ? ParseBeam(r, b) : BeamPolicy.FirstComeFirstServed;
        var scans = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Optional(op, "scans") is { } s)
        {
            foreach (var (key, value) in r.Map(s, "operando.scans", "scan plan names and their files").Children)
            {
                var scanName = r.Scalar(key, "operando.scans");
                scans[scanName] = ResolveFile(r, value, $"operando.scans.{scanName}", baseDirectory);
            }
        }

        var cellsNode = r.Required(op, "cells", "operando.", "list the cells (one per channel)");
        if (cellsNode is not YamlSequenceNode cellList || cellList.Children.Count == 0)
        {
            throw r.Error(cellsNode, "operando.cells", "expected a non-empty list of cells");
        }

        var cells = new List<OperandoCellPlan>();
        for (var i = 0; i < cellList.Children.Count; i++)
        {
            var cell = ParseCell(r, cellList.Children[i], $"operando.cells[{i}]", scans, baseDirectory);
            if (cells.Any(c => c.ChannelId == cell.ChannelId))
            {
                throw r.Error(cellList.Children[i], $"operando.cells[{i}].channel", $"'{cell.ChannelId}' is used by another cell; one cell per channel");
            }

            cells.Add(cell);
        }

        return new OperandoPlan(name, source, beam, scans, cells);
    }

    private static BeamPolicy ParseBeam(PlanReader r, YamlNode node)
    {
        var map = r.Map(node, "operando.beam", "order (first_come or priority) and max_wait");
        r.RejectUnknownKeys(map, "operando.beam.", "order", "max_wait");
        var order = r.Optional(map, "order") is { } o
            ? r.Choice(o, "operando.beam.order", ("first_come", BeamOrder.FirstComeFirstServed), ("priority", BeamOrder.Priority))
            : BeamOrder.FirstComeFirstServed;
        double? maxWait = r.Optional(map, "max_wait") is { } w ? r.Quantity(w, "operando.beam.max_wait", Dimension.Time, 1, 7 * 86400, "1 s..7 d") : null;
        return new BeamPolicy(order, maxWait);
    }

    private static OperandoCellPlan ParseCell(PlanReader r, YamlNode node, string path, Dictionary<string, string> scans, string baseDirectory)
    {
        var map = r.Map(node, path, "channel, protocol, soc, mode, priority, spots, triggers");
        var p = path + ".";
        r.RejectUnknownKeys(map, p, "channel", "protocol", "soc", "mode", "priority", "spots", "triggers");
        var channel = r.Scalar(r.Required(map, "channel", p, "the channel the cell is on, e.g. ch1"), p + "channel");
        var protocol = r.Optional(map, "protocol") is { } pr ? ResolveFile(r, pr, p + "protocol", baseDirectory) : null;
        var socNode = r.Map(r.Required(map, "soc", p, "how SOC is computed: { capacity: 0.33 mAh, start: 0 % }"), p + "soc", "capacity and start");
        r.RejectUnknownKeys(socNode, p + "soc.", "capacity", "start", "from_cycle");
        var capacity = r.Quantity(r.Required(socNode, "capacity", p + "soc.", "the capacity 100 % refers to, e.g. 0.33 mAh"), p + "soc.capacity", Dimension.Charge, 1e-12, 1e6, "above 0 Ah");
        var start = r.Optional(socNode, "start") is { } st ? r.Percent(st, p + "soc.start") : 0;
        var fromCycle = r.Optional(socNode, "from_cycle") is { } fc ? r.Integer(fc, p + "soc.from_cycle", 1, 1_000_000) : 1;
        var mode = r.Optional(map, "mode") is { } m ? r.Choice(m, p + "mode", ("pause", OperandoMode.Pause), ("continuous", OperandoMode.Continuous)) : OperandoMode.Pause;
        var priority = r.Optional(map, "priority") is { } prio ? r.Integer(prio, p + "priority", -1000, 1000) : 0;
        IReadOnlyList<string> spots = r.Optional(map, "spots") is { } sp ? [.. r.List(sp, p + "spots").Select(x => r.Scalar(x.Node, x.Field))] : [];
        var triggersNode = r.Required(map, "triggers", p, "list when the cell is measured");
        if (triggersNode is not YamlSequenceNode triggerList || triggerList.Children.Count == 0)
        {
            throw r.Error(triggersNode, p + "triggers", "expected a non-empty list of triggers");
        }

        var triggers = new List<TriggerSpec>();
        for (var i = 0; i < triggerList.Children.Count; i++)
        {
            var t = TriggerParser.Parse(r, triggerList.Children[i], $"{p}triggers[{i}]", mode, scans, HoldPolicies);
            if (triggers.Any(x => x.Name == t.Name))
            {
                throw r.Error(triggerList.Children[i], $"{p}triggers[{i}].name", $"'{t.Name}' is used twice in this cell");
            }

            triggers.Add(t);
        }

        return new OperandoCellPlan(channel, protocol, new SocReference(capacity, start, fromCycle), mode, priority, spots, triggers);
    }

    private static string ResolveFile(PlanReader r, YamlNode node, string field, string baseDirectory)
    {
        var rel = r.Scalar(node, field);
        var full = Path.GetFullPath(Path.Combine(baseDirectory, rel));
        return File.Exists(full) ? full : throw r.Error(node, field, $"'{rel}' does not exist (looked for {full})");
    }
}
