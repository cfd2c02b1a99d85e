using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OperandoRig.Simulators.Cell;

/// <summary>
/// The cell presets shipped in <c>config/cells/*.yaml</c> (embedded in this assembly), and loading of user files in
/// the same format (camelCase keys equal to the <see cref="CellParameters"/> property names; unknown keys are errors).
/// </summary>
public static class CellPresets
{
    private const string ResourcePrefix = "OperandoRig.Simulators.Cell.Presets.";
    private const string Extension = ".yaml";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithTypeMapping<IReadOnlyList<double>, List<double>>()
        .Build();

    /// <summary>Names of the shipped presets, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(CellPresets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^Extension.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads and validates the shipped preset <paramref name="name"/> (e.g. <c>nmc83-lpscl-limg-60c</c>).</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists the known ones.</exception>
    /// <exception cref="InvalidDataException">The preset file cannot be parsed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value in the preset is out of range.</exception>
    public static CellParameters Load(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = typeof(CellPresets).Assembly.GetManifestResourceStream(ResourcePrefix + name + Extension)
            ?? throw new ArgumentException(
                $"Unknown cell preset '{name}'. Known presets: {string.Join(", ", Names)}.", nameof(name));
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"preset '{name}'");
    }

    /// <summary>Loads and validates a cell parameter file in the preset format.</summary>
    /// <exception cref="InvalidDataException">The file cannot be parsed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static CellParameters LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates cell parameters from YAML text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The text cannot be parsed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static CellParameters Parse(string yaml, string source = "cell parameters")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        CellParameters? p;
        try
        {
            p = Deserializer.Deserialize<CellParameters>(yaml);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message} {ex.InnerException?.Message}", ex);
        }

        if (p is null)
        {
            throw new InvalidDataException($"{source}: the document is empty.");
        }

        p.Validate();
        return p;
    }
}
