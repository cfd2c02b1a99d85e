using System.Globalization;
using System.Text.RegularExpressions;

namespace OperandoRig.Daemon.Beamline;

/// <summary>The physical dimensions a scan plan's quantities have.</summary>
public enum BeamlineDimension
{
    /// <summary>Photon energy, eV.</summary>
    Energy,

    /// <summary>Photoelectron wavenumber k, Å⁻¹.</summary>
    Wavenumber,

    /// <summary>Time, s.</summary>
    Time,

    /// <summary>Length (stage positions, steps), mm.</summary>
    Length,

    /// <summary>Absorbed dose, Gy.</summary>
    Dose,

    /// <summary>Ring current, mA.</summary>
    RingCurrent,
}

/// <summary>
/// Parses a scan plan's quantities written with their unit (<c>8333 eV</c>, <c>8.333 keV</c>, <c>0.05 Å⁻¹</c>,
/// <c>2 s</c>, <c>10 µm</c>, <c>5 MGy</c>, <c>250 mA</c>) into the units the beamline code works in (eV, Å⁻¹, s, mm, Gy, mA).
/// A bare number is an error.
/// </summary>
public static partial class BeamlineQuantity
{
    private static readonly Dictionary<string, (BeamlineDimension Dimension, double Factor)> Units = new(StringComparer.Ordinal)
    {
        ["eV"] = (BeamlineDimension.Energy, 1),
        ["keV"] = (BeamlineDimension.Energy, 1e3),
        ["1/Å"] = (BeamlineDimension.Wavenumber, 1),
        ["Å⁻¹"] = (BeamlineDimension.Wavenumber, 1),
        ["Å-1"] = (BeamlineDimension.Wavenumber, 1),
        ["/Å"] = (BeamlineDimension.Wavenumber, 1),
        ["1/A"] = (BeamlineDimension.Wavenumber, 1),
        ["A-1"] = (BeamlineDimension.Wavenumber, 1),
        ["/A"] = (BeamlineDimension.Wavenumber, 1),
        ["us"] = (BeamlineDimension.Time, 1e-6),
        ["µs"] = (BeamlineDimension.Time, 1e-6),
        ["ms"] = (BeamlineDimension.Time, 1e-3),
        ["s"] = (BeamlineDimension.Time, 1),
        ["min"] = (BeamlineDimension.Time, 60),
        ["h"] = (BeamlineDimension.Time, 3600),
        ["nm"] = (BeamlineDimension.Length, 1e-6),
        ["um"] = (BeamlineDimension.Length, 1e-3),
        ["µm"] = (BeamlineDimension.Length, 1e-3),
        ["mm"] = (BeamlineDimension.Length, 1),
        ["Gy"] = (BeamlineDimension.Dose, 1),
        ["kGy"] = (BeamlineDimension.Dose, 1e3),
        ["MGy"] = (BeamlineDimension.Dose, 1e6),
        ["GGy"] = (BeamlineDimension.Dose, 1e9),
        ["mA"] = (BeamlineDimension.RingCurrent, 1),
        ["A"] = (BeamlineDimension.RingCurrent, 1e3),
    };

    /// <summary>Parses <paramref name="text"/> as a quantity of <paramref name="expected"/> dimension; false with a
    /// message saying what was wrong and what was expected.</summary>
    public static bool TryParse(string text, BeamlineDimension expected, out double value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = double.NaN;
        var m = NumberWithUnit().Match(Normalize(text));
        if (!m.Success)
        {
            error = double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"'{text}' has no unit; expected {Example(expected)}"
                : $"'{text}' is not a quantity; expected {Example(expected)}";
            return false;
        }

        var unit = m.Groups["unit"].Value;
        if (!Units.TryGetValue(unit, out var u))
        {
            error = $"'{text}' has an unknown unit '{unit}'; expected {Example(expected)}";
            return false;
        }

        if (u.Dimension != expected)
        {
            error = $"'{text}' is {Name(u.Dimension)}; expected {Example(expected)}";
            return false;
        }

        value = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) * u.Factor;
        if (!double.IsFinite(value))
        {
            error = $"'{text}' is not a finite number";
            return false;
        }

        error = "";
        return true;
    }

    /// <summary>Splits <c>21.5 degC</c> into its number and its unit (any unit), for band suspenders on arbitrary signals.</summary>
    public static bool TrySplit(string text, out double value, out string unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = NumberWithUnit().Match(text.Trim());
        value = m.Success ? double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) : double.NaN;
        unit = m.Success ? m.Groups["unit"].Value : "";
        return m.Success && double.IsFinite(value);
    }

    /// <summary>Trims, and writes the reciprocal units <c>1/Å</c>, <c>1/A</c> as <c>/Å</c>, <c>/A</c> so the number ends cleanly.</summary>
    private static string Normalize(string text)
    {
        var t = text.Trim();
        return t.EndsWith(" 1/Å", StringComparison.Ordinal) || t.EndsWith(" 1/A", StringComparison.Ordinal) ? t[..^3] + t[^2..] : t;
    }

    /// <summary>An example of a valid quantity, for messages.</summary>
    public static string Example(BeamlineDimension dimension) => dimension switch
    {
        BeamlineDimension.Energy => "an energy such as 8333 eV or 8.4 keV",
        BeamlineDimension.Wavenumber => "a wavenumber such as 12 Å⁻¹ (or 12 1/Å)",
        BeamlineDimension.Time => "a duration such as 2 s, 500 ms or 10 min",
        BeamlineDimension.Length => "a length such as 1.5 mm, 10 µm or 50 nm",
        BeamlineDimension.Dose => "a dose such as 5 MGy or 200 kGy",
        BeamlineDimension.RingCurrent => "a ring current such as 250 mA",
        _ => dimension.ToString(),
    };

    private static string Name(BeamlineDimension dimension) => dimension switch
    {
        BeamlineDimension.Energy => "an energy",
        BeamlineDimension.Wavenumber => "a wavenumber",
        BeamlineDimension.Time => "a duration",
        BeamlineDimension.Length => "a length",
        BeamlineDimension.Dose => "a dose",
        BeamlineDimension.RingCurrent => "a current",
        _ => dimension.ToString(),
    };

    [GeneratedRegex(@"^(?<num>[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>[^\s\d+\-.]\S*)$")]
    private static partial Regex NumberWithUnit();
}
