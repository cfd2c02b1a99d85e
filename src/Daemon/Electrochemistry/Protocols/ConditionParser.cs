using System.Text.RegularExpressions;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Parses termination conditions written as <c>quantity op value</c>: <c>voltage &gt;= 4.25 V</c>,
/// <c>current &lt;= C/50</c> (magnitude), <c>time &gt;= 10 h</c>, <c>capacity &gt;= 1 mAh</c> (magnitude),
/// <c>dV/dt &lt;= 1 mV/min</c> (magnitude).
/// </summary>
internal static partial class ConditionParser
{
    private static readonly Dictionary<string, double> SlopeUnits = new(StringComparer.Ordinal)
    {
        ["V/s"] = 1, ["mV/s"] = 1e-3, ["mV/min"] = 1e-3 / 60, ["mV/h"] = 1e-3 / 3600, ["uV/s"] = 1e-6, ["µV/s"] = 1e-6,
    };

    public static bool TryParse(string text, CellReference cell, out Termination? termination, out string error)
    {
        termination = null;
        var m = Condition().Match(text.Trim());
        if (!m.Success)
        {
            error = $"'{text}' is not a condition; write e.g. 'voltage >= 4.25 V', 'current <= C/50', 'time >= 2 h', 'capacity >= 1 mAh' or 'dV/dt <= 1 mV/min'";
            return false;
        }

        var op = m.Groups["op"].Value.StartsWith('>') ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow;
        var valueText = m.Groups["value"].Value;
        (TerminationQuantity quantity, Dimension? dimension) = m.Groups["q"].Value.ToUpperInvariant() switch
        {
            "VOLTAGE" => (TerminationQuantity.VoltageV, Dimension.Voltage),
            "CURRENT" => (TerminationQuantity.AbsCurrentA, Dimension.Current),
            "TIME" => (TerminationQuantity.StepTimeS, Dimension.Time),
            "CAPACITY" => (TerminationQuantity.StepCapacityAh, Dimension.Charge),
            _ => (TerminationQuantity.AbsVoltageSlopeVPerS, (Dimension?)null),
        };

        double value;
        if (dimension is { } dim)
        {
            if (!QuantityParser.TryParse(valueText, dim, cell, out value, out error))
            {
                return false;
            }
        }
        else if (!TryParseSlope(valueText, out value, out error))
        {
            return false;
        }

        if (quantity is TerminationQuantity.AbsCurrentA or TerminationQuantity.StepCapacityAh or TerminationQuantity.StepTimeS or TerminationQuantity.AbsVoltageSlopeVPerS
            && value < 0)
        {
            error = $"'{text}': the value is a magnitude and must not be negative";
            return false;
        }

        termination = new Termination(quantity, op, value);
        error = "";
        return true;
    }

    private static bool TryParseSlope(string text, out double value, out string error)
    {
        value = double.NaN;
        var m = Slope().Match(text.Trim());
        if (!m.Success || !SlopeUnits.TryGetValue(m.Groups["unit"].Value, out var factor))
        {
            error = $"'{text}' is not a voltage slope; expected e.g. 1 mV/min, 0.1 mV/s or 5 mV/h";
            return false;
        }

        value = double.Parse(m.Groups["num"].Value, System.Globalization.CultureInfo.InvariantCulture) * factor;
        error = "";
        return true;
    }

    [GeneratedRegex(@"^(?<q>voltage|current|time|capacity|dV/dt)\s*(?<op>>=|<=|>|<)\s*(?<value>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();

    [GeneratedRegex(@"^(?<num>\d+(\.\d*)?([eE][+-]?\d+)?)\s*(?<unit>\S+)$")]
    private static partial Regex Slope();
}
