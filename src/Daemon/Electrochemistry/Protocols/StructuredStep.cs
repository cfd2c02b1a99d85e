using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Steps written as maps:
/// <code>
/// - rest: 30 min
/// - charge: { current: C/10, until: [voltage >= 4.25 V, time >= 12 h] }
/// - discharge: { current: 0.2 mA/cm2, until: voltage &lt;= 2.6 V }
/// - discharge: { power: 5 mW, until: voltage &lt;= 2.6 V }     (constant power)
/// - ocv: 10 min                                               (a rest)
/// - cv: { voltage: 4.25 V, until: current &lt;= C/50 }
/// - cccv: { current: C/10, voltage: 4.25 V, until: [current &lt;= C/50, time >= 20 h] }
/// - peis: { at: ocv, from: 1 MHz, to: 100 mHz, points_per_decade: 10, amplitude: 7 mV, circuit: R0-p(R1,CPE1)-W1 }
/// - geis: { current: 0 A, from: 100 kHz, to: 10 mHz, points_per_decade: 5, amplitude: 10 uA }
/// </code>
/// </summary>
internal static class StructuredStep
{
    public static StepDraft Parse(ParseContext context, string key, YamlNode body, string path, CellReference cell)
    {
        if (key is "rest" or "ocv" && body is YamlScalarNode)
        {
            return new StepDraft(StepKind.Rest, 0, 0,
                [StepCondition.Of(Termination.AfterSeconds(context.Quantity(body, path, Dimension.Time, cell)), context.Scalar(body, path))], key);
        }

        if (body is not YamlMappingNode map)
        {
            throw context.Error(body, path, $"expected the settings of the '{key}' step as a map");
        }

        switch (key)
        {
            case "rest":
            case "ocv":
                context.RejectUnknownKeys(map, path + ".", "duration", "until", "label");
                return new StepDraft(StepKind.Rest, 0, 0, Terminations(context, map, path, cell), Label(context, map, path, key));
            case "charge":
            case "discharge":
                {
                    context.RejectUnknownKeys(map, path + ".", "current", "power", "duration", "until", "label");
                    var sign = key == "charge" ? 1 : -1;
                    var hasCurrent = map.Children.ContainsKey(new YamlScalarNode("current"));
                    if (map.Children.ContainsKey(new YamlScalarNode("power")))
                    {
                        if (hasCurrent)
                        {
                            throw context.Error(map, $"{path}.power", "give either current or power, not both");
                        }

                        var powerW = Required(context, map, path, "power", Dimension.Power, cell);
                        return powerW == 0
                            ? throw context.Error(map, $"{path}.power", "must not be 0 W; a step without power is a rest")
                            : new StepDraft(StepKind.ConstantPower, 0, 0, Terminations(context, map, path, cell), Label(context, map, path, key),
                                PowerW: sign * Math.Abs(powerW));
                    }

                    var currentA = Required(context, map, path, "current", Dimension.Current, cell);
                    return new StepDraft(StepKind.ConstantCurrent, sign * Math.Abs(currentA), 0, Terminations(context, map, path, cell), Label(context, map, path, key));
                }

            case "cv":
                context.RejectUnknownKeys(map, path + ".", "voltage", "duration", "until", "label");
                return new StepDraft(StepKind.ConstantVoltage, 0, Required(context, map, path, "voltage", Dimension.Voltage, cell),
                    Terminations(context, map, path, cell), Label(context, map, path, key));
            case "cccv":
                context.RejectUnknownKeys(map, path + ".", "current", "voltage", "duration", "until", "label");
                return new StepDraft(StepKind.ConstantCurrentConstantVoltage,
                    Math.Abs(Required(context, map, path, "current", Dimension.Current, cell)),
                    Required(context, map, path, "voltage", Dimension.Voltage, cell),
                    Terminations(context, map, path, cell), Label(context, map, path, key));
            case "peis":
                {
                    context.RejectUnknownKeys(map, path + ".", "at", "from", "to", "points_per_decade", "amplitude", "circuit", "label");
                    var atNode = map.Children.TryGetValue(new YamlScalarNode("at"), out var a) ? a : throw context.Error(map, $"{path}.at", "missing; the DC voltage: ocv (the voltage the cell has) or e.g. 4.25 V");
                    var atOcv = context.Scalar(atNode, $"{path}.at").Equals("ocv", StringComparison.OrdinalIgnoreCase);
                    var voltageV = atOcv ? 0 : context.Quantity(atNode, $"{path}.at", Dimension.Voltage, cell);
                    return new StepDraft(StepKind.PotentiostaticImpedance, 0, voltageV, [], Label(context, map, path, key),
                        Sweep(context, map, path, Dimension.Voltage, cell), atOcv, FitCircuit: Circuit(context, map, path));
                }

            case "geis":
                context.RejectUnknownKeys(map, path + ".", "current", "from", "to", "points_per_decade", "amplitude", "circuit", "label");
                return new StepDraft(StepKind.GalvanostaticImpedance, Required(context, map, path, "current", Dimension.Current, cell), 0, [],
                    Label(context, map, path, key), Sweep(context, map, path, Dimension.Current, cell), FitCircuit: Circuit(context, map, path));
            default:
                throw context.Error(body, path, $"unknown step '{key}'; known: charge, discharge, cv, cccv, rest, ocv, peis, geis, gitt, ladder, repeat, group, label, goto (or a sentence such as 'Rest for 10 min')");
        }
    }

    internal static ImpedanceSweep Sweep(ParseContext context, YamlMappingNode map, string path, Dimension amplitudeDimension, CellReference cell)
    {
        var from = Required(context, map, path, "from", Dimension.Frequency, cell);
        var to = Required(context, map, path, "to", Dimension.Frequency, cell);
        var amplitude = Required(context, map, path, "amplitude", amplitudeDimension, cell);
        var perDecade = 10;
        if (map.Children.TryGetValue(new YamlScalarNode("points_per_decade"), out var node))
        {
            var text = context.Scalar(node, $"{path}.points_per_decade");
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out perDecade) || perDecade is < 1 or > 100)
            {
                throw context.Error(node, $"{path}.points_per_decade", $"'{text}' must be a whole number in 1..100");
            }
        }

        if (from <= 0 || to <= 0 || amplitude <= 0)
        {
            throw context.Error(map, path, "from, to and amplitude must be above zero");
        }

        return new ImpedanceSweep(from, to, perDecade, amplitude);
    }

    internal static double Required(ParseContext context, YamlMappingNode map, string path, string field, Dimension dimension, CellReference cell) =>
        map.Children.TryGetValue(new YamlScalarNode(field), out var node)
            ? context.Quantity(node, $"{path}.{field}", dimension, cell)
            : throw context.Error(map, $"{path}.{field}", $"missing; expected {QuantityParser.Example(dimension)}");

    /// <summary>
    /// The optional <c>circuit:</c> of an impedance step: the equivalent circuit the daemon fits to the sweep
    /// (e.g. <c>R0-p(R1,CPE1)-W1</c>); null when not given (the runner's default).
    /// </summary>
    internal static string? Circuit(ParseContext context, YamlMappingNode map, string path)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode("circuit"), out var node))
        {
            return null;
        }

        var text = context.Scalar(node, $"{path}.circuit");
        try
        {
            return EquivalentCircuit.Parse(text).Text;
        }
        catch (CircuitFormatException ex)
        {
            throw context.Error(node, $"{path}.circuit", $"'{text}' is not an equivalent circuit: {ex.Message} (e.g. R0-p(R1,CPE1)-p(R2,CPE2)-W1)");
        }
    }

    internal static string Label(ParseContext context, YamlMappingNode map, string path, string fallback) =>
        map.Children.TryGetValue(new YamlScalarNode("label"), out var node) ? context.Scalar(node, $"{path}.label") : fallback;

    internal static List<StepCondition> Terminations(ParseContext context, YamlMappingNode map, string path, CellReference cell, bool required = true)
    {
        var terms = new List<StepCondition>();
        if (map.Children.TryGetValue(new YamlScalarNode("duration"), out var duration))
        {
            terms.Add(StepCondition.Of(Termination.AfterSeconds(context.Quantity(duration, $"{path}.duration", Dimension.Time, cell)),
                $"duration {context.Scalar(duration, $"{path}.duration")}"));
        }

        if (map.Children.TryGetValue(new YamlScalarNode("until"), out var until))
        {
            var items = until is YamlSequenceNode seq ? seq.Children : [until];
            for (var i = 0; i < items.Count; i++)
            {
                var field = until is YamlSequenceNode ? $"{path}.until[{i}]" : $"{path}.until";
                var text = context.Scalar(items[i], field);
                terms.Add(ConditionParser.TryParse(text, cell, out var t, out var error) ? t! : throw context.Error(items[i], field, error));
            }
        }

        return terms.Count > 0 || !required
            ? terms
            : throw context.Error(map, path, "the step never ends; give 'duration' or 'until' conditions");
    }
}
