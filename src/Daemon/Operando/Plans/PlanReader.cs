using System.Globalization;
using System.Text.RegularExpressions;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Operando.Plans;

/// <summary>Reads scalars, lists and quantities with units from an operando plan's YAML, every problem a located error.</summary>
internal sealed partial class PlanReader(string source)
{
    private static readonly CellReference NoCell = new(null, null);

    public string Source => source;

    public OperandoPlanException Error(YamlNode node, string field, string problem) => new(source, (int)node.Start.Line, field, problem);

    public string Scalar(YamlNode node, string field) => node is YamlScalarNode { Value: { } v } && v.Length > 0
        ? v
        : throw Error(node, field, "expected a single value");

    public YamlMappingNode Map(YamlNode node, string field, string expected) => node as YamlMappingNode ?? throw Error(node, field, $"expected a map: {expected}");

    public YamlNode? Optional(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n : null;

    public YamlNode Required(YamlMappingNode map, string key, string prefix, string what) =>
        Optional(map, key) ?? throw Error(map, prefix + key, $"missing; {what}");

    /// <summary>A scalar or a list of scalars, as a list of (node, field) pairs.</summary>
    public IReadOnlyList<(YamlNode Node, string Field)> List(YamlNode node, string field) => node switch
    {
        YamlSequenceNode seq when seq.Children.Count > 0 => [.. seq.Children.Select((c, i) => (c, $"{field}[{i}]"))],
        YamlScalarNode => [(node, field)],
        _ => throw Error(node, field, "expected a value or a non-empty list"),
    };

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

    public double Quantity(YamlNode node, string field, Dimension dimension, double min, double max, string range)
    {
        var text = Scalar(node, field);
        if (!QuantityParser.TryParse(text, dimension, NoCell, out var value, out var error))
        {
            throw Error(node, field, error);
        }

        return value >= min && value <= max ? value : throw Error(node, field, $"'{text}' is outside {range}");
    }

    /// <summary>A percentage (<c>20 %</c>) as a fraction within <paramref name="minPercent"/>..<paramref name="maxPercent"/>.</summary>
    public double Percent(YamlNode node, string field, double minPercent = 0, double maxPercent = 100)
    {
        var text = Scalar(node, field);
        var m = PercentPattern().Match(text.Trim());
        if (!m.Success)
        {
            throw Error(node, field, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"'{text}' has no unit; write a percentage such as 20 %"
                : $"'{text}' is not a percentage such as 20 %");
        }

        var percent = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return percent >= minPercent && percent <= maxPercent
            ? percent / 100
            : throw Error(node, field, FormattableString.Invariant($"'{text}' is outside {minPercent:G}..{maxPercent:G} %"));
    }

    /// <summary>A rate of voltage change (<c>1 mV/min</c>, <c>50 uV/s</c>) in V/s, above 0.</summary>
    public double VoltageRate(YamlNode node, string field)
    {
        var text = Scalar(node, field);
        var m = RatePattern().Match(text.Trim());
        var volts = new Dictionary<string, double>(StringComparer.Ordinal) { ["V"] = 1, ["mV"] = 1e-3, ["uV"] = 1e-6, ["µV"] = 1e-6 };
        var per = new Dictionary<string, double>(StringComparer.Ordinal) { ["s"] = 1, ["min"] = 60, ["h"] = 3600 };
        if (!m.Success || !volts.TryGetValue(m.Groups["v"].Value, out var vf) || !per.TryGetValue(m.Groups["t"].Value, out var tf))
        {
            throw Error(node, field, $"'{text}' is not a rate of voltage change such as 1 mV/min or 50 uV/s");
        }

        var value = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) * vf / tf;
        return value > 0 ? value : throw Error(node, field, $"'{text}' must be above 0");
    }

    public int Integer(YamlNode node, string field, int min, int max)
    {
        var text = Scalar(node, field);
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw Error(node, field, $"'{text}' must be a whole number in {min}..{max}");
    }

    public T Choice<T>(YamlNode node, string field, params (string Name, T Value)[] choices)
    {
        var text = Scalar(node, field);
        foreach (var (name, value) in choices)
        {
            if (name == text)
            {
                return value;
            }
        }

        throw Error(node, field, $"'{text}' is not one of: {string.Join(", ", choices.Select(c => c.Name))}");
    }

    [GeneratedRegex(@"^(?<num>[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*%$")]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"^(?<num>[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<v>[A-Za-zµ]+)\s*/\s*(?<t>[a-z]+)$")]
    private static partial Regex RatePattern();
}
