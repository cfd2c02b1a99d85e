using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>Reads scalars and quantities from YAML nodes, turning every problem into a located error.</summary>
internal sealed partial class ParseContext(string source)
{
    public string Source => source;

    public ProtocolException Error(YamlNode node, string field, string problem) =>
        new(source, (int)node.Start.Line, field, problem);

    public string Scalar(YamlNode node, string field) => node is YamlScalarNode { Value: { } v }
        ? v
        : throw Error(node, field, "expected a single value");

    public double Quantity(YamlNode node, string field, Dimension dimension, CellReference cell)
    {
        var text = Scalar(node, field);
        return QuantityParser.TryParse(text, dimension, cell, out var value, out var error)
            ? value
            : throw Error(node, field, error);
    }

    /// <summary>A mass in grams (<c>8.89 mg</c>, <c>0.003 g</c>).</summary>
    public double Mass(YamlNode node, string field) =>
        Scaled(node, field, "a mass such as 8.89 mg", new() { ["g"] = 1, ["mg"] = 1e-3, ["ug"] = 1e-6, ["µg"] = 1e-6 });

    /// <summary>A specific capacity in Ah per gram (<c>200 mAh/g</c>).</summary>
    public double SpecificCapacity(YamlNode node, string field) =>
        Scaled(node, field, "a specific capacity such as 200 mAh/g", new() { ["mAh/g"] = 1e-3, ["Ah/g"] = 1, ["Ah/kg"] = 1e-3 });

    /// <summary>An area in cm² (<c>1.267 cm2</c>, <c>28.3 mm2</c>).</summary>
    public double Area(YamlNode node, string field) =>
        Scaled(node, field, "an area such as 1.267 cm2", new() { ["cm2"] = 1, ["cm²"] = 1, ["mm2"] = 0.01, ["mm²"] = 0.01 });

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

    private double Scaled(YamlNode node, string field, string example, Dictionary<string, double> units)
    {
        var text = Scalar(node, field);
        var m = NumberUnit().Match(text.Trim());
        if (!m.Success)
        {
            throw Error(node, field, $"'{text}' is not {example}");
        }

        if (!units.TryGetValue(m.Groups["unit"].Value, out var factor))
        {
            throw Error(node, field, $"'{text}' has an unknown unit; expected {example}");
        }

        var value = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) * factor;
        return value > 0 ? value : throw Error(node, field, $"'{text}' must be above 0");
    }

    [GeneratedRegex(@"^(?<num>[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>\S+)$")]
    private static partial Regex NumberUnit();
}
