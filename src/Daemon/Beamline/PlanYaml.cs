using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Beamline;

/// <summary>Reads scalars and quantities from a scan plan's YAML nodes, turning every problem into a located
/// <see cref="ScanPlanException"/>.</summary>
internal sealed class PlanYaml(string source)
{
    public string Source => source;

    public ScanPlanException Error(YamlNode node, string field, string problem) => new(source, (int)node.Start.Line, field, problem);

    public static YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public YamlNode Required(YamlMappingNode map, string key, string prefix) =>
        Optional(map, key) ?? throw Error(map, prefix + key, "missing");

    public string Scalar(YamlNode node, string field) => node is YamlScalarNode { Value: { } v }
        ? v
        : throw Error(node, field, "expected a single value");

    public YamlMappingNode Map(YamlNode node, string field, string example) =>
        node as YamlMappingNode ?? throw Error(node, field, $"expected a map such as {example}");

    public YamlSequenceNode List(YamlNode node, string field, string example) =>
        node as YamlSequenceNode ?? throw Error(node, field, $"expected a list such as {example}");

    public double Quantity(YamlNode node, string field, BeamlineDimension dimension)
    {
        var text = Scalar(node, field);
        return BeamlineQuantity.TryParse(text, dimension, out var value, out var error) ? value : throw Error(node, field, error);
    }

    /// <summary>A quantity within [<paramref name="min"/>, <paramref name="max"/>] (in the dimension's working unit).</summary>
    public double Quantity(YamlNode node, string field, BeamlineDimension dimension, double min, double max, string rangeText)
    {
        var value = Quantity(node, field, dimension);
        return value >= min && value <= max
            ? value
            : throw Error(node, field, $"'{Scalar(node, field)}' is outside {rangeText}");
    }

    public int Integer(YamlNode node, string field, int min, int max)
    {
        var text = Scalar(node, field);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Error(node, field, FormattableString.Invariant($"'{text}' must be a whole number in {min}..{max}"));
    }

    public double Number(YamlNode node, string field, double min, double max)
    {
        var text = Scalar(node, field);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Error(node, field, FormattableString.Invariant($"'{text}' must be a number in {min}..{max}"));
    }

    public bool Boolean(YamlNode node, string field)
    {
        var text = Scalar(node, field);
        return text switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(node, field, $"'{text}' must be true or false"),
        };
    }

    public void RejectUnknownKeys(YamlMappingNode map, string prefix, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = Scalar(key, prefix + "(key)");
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, prefix + name, $"unknown field; allowed here: {string.Join(", ", allowed)}");
            }
        }
    }
}
