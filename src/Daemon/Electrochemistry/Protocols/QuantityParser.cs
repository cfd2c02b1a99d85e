using System.Globalization;
using System.Text.RegularExpressions;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Parses quantities written with their unit (<c>4.25 V</c>, <c>10 mV</c>, <c>C/10</c>, <c>2C</c>,
/// <c>0.2 mA/cm2</c>, <c>30 min</c>, <c>1.78 mAh</c>) into SI values. A bare number is an error: a
/// protocol must say what it means.
/// </summary>
public static partial class QuantityParser
{
    private static readonly Dictionary<string, (Dimension Dimension, double Factor)> Units = new(StringComparer.Ordinal)
    {
        ["V"] = (Dimension.Voltage, 1),
        ["mV"] = (Dimension.Voltage, 1e-3),
        ["uV"] = (Dimension.Voltage, 1e-6),
        ["µV"] = (Dimension.Voltage, 1e-6),
        ["A"] = (Dimension.Current, 1),
        ["mA"] = (Dimension.Current, 1e-3),
        ["uA"] = (Dimension.Current, 1e-6),
        ["µA"] = (Dimension.Current, 1e-6),
        ["nA"] = (Dimension.Current, 1e-9),
        ["Ah"] = (Dimension.Charge, 1),
        ["mAh"] = (Dimension.Charge, 1e-3),
        ["uAh"] = (Dimension.Charge, 1e-6),
        ["µAh"] = (Dimension.Charge, 1e-6),
        ["ms"] = (Dimension.Time, 1e-3),
        ["s"] = (Dimension.Time, 1),
        ["min"] = (Dimension.Time, 60),
        ["h"] = (Dimension.Time, 3600),
        ["d"] = (Dimension.Time, 86400),
        ["uHz"] = (Dimension.Frequency, 1e-6),
        ["µHz"] = (Dimension.Frequency, 1e-6),
        ["mHz"] = (Dimension.Frequency, 1e-3),
        ["Hz"] = (Dimension.Frequency, 1),
        ["kHz"] = (Dimension.Frequency, 1e3),
        ["MHz"] = (Dimension.Frequency, 1e6),
        ["W"] = (Dimension.Power, 1),
        ["mW"] = (Dimension.Power, 1e-3),
        ["uW"] = (Dimension.Power, 1e-6),
        ["µW"] = (Dimension.Power, 1e-6),
    };

    private static readonly Dictionary<string, double> CurrentDensityUnits = new(StringComparer.Ordinal)
    {
        ["A/cm2"] = 1,
        ["mA/cm2"] = 1e-3,
        ["uA/cm2"] = 1e-6,
        ["µA/cm2"] = 1e-6,
    };

    /// <summary>
    /// Parses <paramref name="text"/> as a quantity of <paramref name="expected"/> dimension, in SI.
    /// Returns false with a message saying what was wrong and what was expected.
    /// </summary>
    public static bool TryParse(string text, Dimension expected, CellReference cell, out double value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cell);
        value = double.NaN;
        var t = text.Trim();
        if (expected == Dimension.Current && TryParseCRate(t, out var rate))
        {
            if (cell.CapacityAh is not { } capacity)
            {
                error = $"'{text}' is a C-rate, but the protocol gives no cell.capacity (or cell.active_mass with cell.specific_capacity)";
                return false;
            }

            value = rate * capacity;
            error = "";
            return true;
        }

        var m = NumberWithUnit().Match(t);
        if (!m.Success)
        {
            error = double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"'{text}' has no unit; expected {Example(expected)}"
                : $"'{text}' is not a quantity; expected {Example(expected)}";
            return false;
        }

        var number = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = m.Groups["unit"].Value;
        if (expected == Dimension.Current && CurrentDensityUnits.TryGetValue(unit, out var densityFactor))
        {
            if (cell.AreaCm2 is not { } area)
            {
                error = $"'{text}' is a current density, but the protocol gives no cell.area";
                return false;
            }

            value = number * densityFactor * area;
            error = "";
            return true;
        }

        if (!Units.TryGetValue(unit, out var u))
        {
            error = $"'{text}' has an unknown unit '{unit}'; expected {Example(expected)}";
            return false;
        }

        if (u.Dimension != expected)
        {
            error = $"'{text}' is a {u.Dimension.ToString().ToLowerInvariant()}; expected {Example(expected)}";
            return false;
        }

        value = number * u.Factor;
        error = "";
        return true;
    }

    /// <summary>An example of a valid quantity of the dimension, for error messages.</summary>
    public static string Example(Dimension dimension) => dimension switch
    {
        Dimension.Voltage => "a voltage such as 4.2 V or 10 mV",
        Dimension.Current => "a current such as 1 mA, C/10, 2C or 0.2 mA/cm2",
        Dimension.Time => "a duration such as 30 s, 10 min or 2 h",
        Dimension.Charge => "a charge such as 1.78 mAh",
        Dimension.Frequency => "a frequency such as 1 MHz, 10 kHz or 100 mHz",
        Dimension.Power => "a power such as 5 mW or 250 uW",
        _ => dimension.ToString(),
    };

    private static bool TryParseCRate(string t, out double rate)
    {
        rate = 0;
        var m = CRate().Match(t);
        if (!m.Success)
        {
            return false;
        }

        if (m.Groups["div"].Success)
        {
            var divisor = double.Parse(m.Groups["div"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            rate = divisor > 0 ? 1.0 / divisor : double.NaN;
        }
        else
        {
            rate = double.Parse(m.Groups["mul"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return double.IsFinite(rate);
    }

    [GeneratedRegex(@"^(?<num>[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>[A-Za-zµ][A-Za-zµ/0-9]*)$")]
    private static partial Regex NumberWithUnit();

    [GeneratedRegex(@"^(C\s*/\s*(?<div>\d+(\.\d+)?)|(?<mul>\d+(\.\d+)?)\s*C)$")]
    private static partial Regex CRate();
}
