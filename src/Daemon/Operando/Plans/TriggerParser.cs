using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Operando.Triggers;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Operando.Plans;

/// <summary>Parses one trigger of an operando plan: <c>name</c>, <c>when</c>, optional <c>cycles</c>, and <c>do</c>.</summary>
internal static class TriggerParser
{
    private static readonly string[] Conditions = ["soc", "capacity", "voltage", "every", "cycle", "step_start", "step_end", "dvdt_below"];

    public static TriggerSpec Parse(PlanReader r, YamlNode node, string path, OperandoMode mode, Dictionary<string, string> scans, (string, HoldPolicy)[] holds)
    {
        var map = r.Map(node, path, "name, when, cycles, do");
        var p = path + ".";
        r.RejectUnknownKeys(map, p, "name", "when", "cycles", "do");
        var name = r.Scalar(r.Required(map, "name", p, "name the trigger"), p + "name");
        var when = ParseWhen(r, r.Map(r.Required(map, "when", p, $"one of: {string.Join(", ", Conditions)}"), p + "when", $"one of: {string.Join(", ", Conditions)}"), p + "when");
        IReadOnlySet<int>? cycles = r.Optional(map, "cycles") is { } c
            ? r.List(c, p + "cycles").Select(x => r.Integer(x.Node, x.Field, 1, 1_000_000)).ToHashSet()
            : null;
        var doNode = r.Required(map, "do", p, "list the actions: hold, settle, scan, sync, resume");
        if (doNode is not YamlSequenceNode actions || actions.Children.Count == 0)
        {
            throw r.Error(doNode, p + "do", "expected a non-empty list of actions: hold, settle, scan, sync, resume");
        }

        var list = new List<OperandoAction>();
        for (var i = 0; i < actions.Children.Count; i++)
        {
            list.Add(ParseAction(r, actions.Children[i], $"{p}do[{i}]", mode, scans, holds));
        }

        return new TriggerSpec(name, when, cycles, list);
    }

    private static TriggerCondition ParseWhen(PlanReader r, YamlMappingNode map, string path)
    {
        var p = path + ".";
        var present = Conditions.Where(c => r.Optional(map, c) is not null).ToList();
        if (present.Count != 1)
        {
            throw r.Error(map, path, present.Count == 0
                ? $"name one condition: {string.Join(", ", Conditions)}"
                : $"one condition per trigger, found {string.Join(" and ", present)}; write two triggers");
        }

        var key = present[0];
        var value = r.Optional(map, key)!;
        switch (key)
        {
            case "soc":
                r.RejectUnknownKeys(map, p, "soc", "on");
                var on = r.Optional(map, "on") is { } o
                    ? r.Choice(o, p + "on", ("charge", CurrentDirection.Charge), ("discharge", CurrentDirection.Discharge), ("any", CurrentDirection.Any))
                    : CurrentDirection.Any;
                return new SocLevelCondition(SocLevels(r, value, p + "soc"), on);
            case "capacity":
                r.RejectUnknownKeys(map, p, "capacity");
                var cap = r.Map(value, p + "capacity", "{ every: 0.05 mAh }");
                r.RejectUnknownKeys(cap, p + "capacity.", "every");
                return new CapacityStepCondition(r.Quantity(r.Required(cap, "every", p + "capacity.", "the charge between firings"), p + "capacity.every", Dimension.Charge, 1e-12, 1e6, "above 0 Ah"));
            case "voltage":
                r.RejectUnknownKeys(map, p, "voltage", "direction", "hysteresis");
                var levels = r.List(value, p + "voltage").Select(x => r.Quantity(x.Node, x.Field, Dimension.Voltage, -10, 10, "-10..10 V")).ToList();
                var direction = r.Optional(map, "direction") is { } d
                    ? r.Choice(d, p + "direction", ("rising", CrossingDirection.Rising), ("falling", CrossingDirection.Falling), ("either", CrossingDirection.Either))
                    : CrossingDirection.Either;
                var hysteresis = r.Optional(map, "hysteresis") is { } h ? r.Quantity(h, p + "hysteresis", Dimension.Voltage, 0, 1, "0..1 V") : 0.01;
                return new VoltageCrossingCondition(levels, direction, hysteresis);
            case "every":
                r.RejectUnknownKeys(map, p, "every");
                return new IntervalCondition(r.Quantity(value, p + "every", Dimension.Time, 1, 365 * 86400.0, "1 s..365 d"));
            case "cycle":
                r.RejectUnknownKeys(map, p, "cycle");
                return new CycleCondition([.. r.List(value, p + "cycle").Select(x => r.Integer(x.Node, x.Field, 1, 1_000_000))]);
            case "step_start" or "step_end":
                r.RejectUnknownKeys(map, p, key);
                var label = r.Scalar(value, p + key);
                return new StepEdgeCondition(key == "step_start" ? StepEdge.Start : StepEdge.End, label == "any" ? null : label);
            default:
                r.RejectUnknownKeys(map, p, "dvdt_below", "window");
                var window = r.Optional(map, "window") is { } w ? r.Quantity(w, p + "window", Dimension.Time, 1, 86400, "1 s..1 d") : 300;
                return new RelaxationCondition(r.VoltageRate(value, p + "dvdt_below"), window);
        }
    }

    private static List<double> SocLevels(PlanReader r, YamlNode node, string field)
    {
        if (node is YamlMappingNode every)
        {
            r.RejectUnknownKeys(every, field + ".", "every");
            var step = r.Percent(r.Required(every, "every", field + ".", "the SOC step, e.g. 20 %"), field + ".every", 0.01, 100);
            var count = (int)Math.Floor((1 / step) + 1e-9);
            return [.. Enumerable.Range(0, count + 1).Select(k => Math.Round(k * step, 12))];
        }

        return [.. r.List(node, field).Select(x => r.Percent(x.Node, x.Field))];
    }

    private static OperandoAction ParseAction(PlanReader r, YamlNode node, string path, OperandoMode mode, Dictionary<string, string> scans, (string, HoldPolicy)[] holds)
    {
        string key;
        YamlNode? value = null;
        if (node is YamlScalarNode)
        {
            key = r.Scalar(node, path);
        }
        else if (node is YamlMappingNode { Children.Count: 1 } one)
        {
            key = r.Scalar(one.Children.First().Key, path);
            value = one.Children.First().Value;
        }
        else
        {
            throw r.Error(node, path, "expected one action: hold, settle, scan, sync or resume");
        }

        var p = $"{path}.{key}";
        if (mode == OperandoMode.Continuous && key != "scan")
        {
            throw r.Error(node, p, $"'{key}' holds the cell; a continuous cell scans while the current flows (only scan actions); use mode: pause");
        }

        switch (key)
        {
            case "hold":
                return new HoldAction(value is null ? HoldPolicy.OpenCircuit : r.Choice(value, p, holds));
            case "resume":
                return value is null ? new ResumeAction() : throw r.Error(node, p, "resume takes no settings");
            case "settle":
                return ParseSettle(r, value ?? throw r.Error(node, p, "settle for a time (settle: 10 min) or until relaxed (settle: { until: 1 mV/min, max: 30 min })"), p);
            case "scan":
                return ParseScan(r, value ?? throw r.Error(node, p, "name the scan plan: scan: ni-k-xanes"), p, scans);
            case "sync":
                return ParseSync(r, value ?? throw r.Error(node, p, "sync: { label: tomography, timeout: 10 min, on_timeout: resume }"), p, holds);
            default:
                throw r.Error(node, path, $"'{key}' is not an action; allowed: hold, settle, scan, sync, resume");
        }
    }

    private static SettleAction ParseSettle(PlanReader r, YamlNode value, string p)
    {
        if (value is YamlScalarNode)
        {
            return new SettleAction(r.Quantity(value, p, Dimension.Time, 0, 7 * 86400, "0 s..7 d"), null, 0, 0);
        }

        var map = r.Map(value, p, "{ until: 1 mV/min, window: 2 min, max: 30 min }");
        r.RejectUnknownKeys(map, p + ".", "until", "window", "max");
        var rate = r.VoltageRate(r.Required(map, "until", p + ".", "the |dV/dt| to settle to, e.g. 1 mV/min"), p + ".until");
        var window = r.Optional(map, "window") is { } w ? r.Quantity(w, p + ".window", Dimension.Time, 1, 86400, "1 s..1 d") : 120;
        var max = r.Quantity(r.Required(map, "max", p + ".", "the longest settle, e.g. 30 min"), p + ".max", Dimension.Time, 1, 7 * 86400, "1 s..7 d");
        return new SettleAction(null, rate, window, max);
    }

    private static ScanAction ParseScan(PlanReader r, YamlNode value, string p, Dictionary<string, string> scans)
    {
        string plan;
        IReadOnlyList<string> spots = [];
        YamlNode planNode = value;
        if (value is YamlScalarNode)
        {
            plan = r.Scalar(value, p);
        }
        else
        {
            var map = r.Map(value, p, "{ plan: ni-k-xanes, spots: [a, b] }");
            r.RejectUnknownKeys(map, p + ".", "plan", "spots");
            planNode = r.Required(map, "plan", p + ".", "the scan plan's name");
            plan = r.Scalar(planNode, p + ".plan");
            if (r.Optional(map, "spots") is { } s)
            {
                spots = [.. r.List(s, p + ".spots").Select(x => r.Scalar(x.Node, x.Field))];
            }
        }

        return scans.ContainsKey(plan)
            ? new ScanAction(plan, spots)
            : throw r.Error(planNode, p, $"'{plan}' is not a scan plan of this file; known: {(scans.Count == 0 ? "(none: add operando.scans)" : string.Join(", ", scans.Keys))}");
    }

    private static SyncAction ParseSync(PlanReader r, YamlNode value, string p, (string, HoldPolicy)[] holds)
    {
        var map = r.Map(value, p, "{ label: tomography, timeout: 10 min, on_timeout: resume }");
        r.RejectUnknownKeys(map, p + ".", "label", "timeout", "on_timeout", "hold");
        var label = r.Optional(map, "label") is { } l ? r.Scalar(l, p + ".label") : "external";
        var timeout = r.Quantity(r.Required(map, "timeout", p + ".", "how long to wait for the script's acknowledgement, e.g. 10 min"), p + ".timeout", Dimension.Time, 1, 7 * 86400, "1 s..7 d");
        var onTimeout = r.Optional(map, "on_timeout") is { } o
            ? r.Choice(o, p + ".on_timeout", ("resume", SyncFallback.Resume), ("abort", SyncFallback.Abort), ("keep_holding", SyncFallback.KeepHolding))
            : SyncFallback.Resume;
        var hold = r.Optional(map, "hold") is { } h ? r.Choice(h, p + ".hold", holds) : HoldPolicy.OpenCircuit;
        return new SyncAction(label, timeout, onTimeout, hold);
    }
}
