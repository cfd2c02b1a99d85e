using System.Globalization;
using System.Text.RegularExpressions;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Parses step conditions written as <c>quantity op value</c>: <c>voltage &gt;= 4.25 V</c>,
/// <c>current &lt;= C/50</c> (magnitude), <c>time &gt;= 10 h</c>, <c>capacity &gt;= 1 mAh</c> (step, magnitude),
/// <c>capacity &gt;= 80 % of cycle 1</c> (relative to what cycle 1 passed in the same direction),
/// <c>cycle capacity &gt;= 1.5 mAh</c> (the cycle's capacity in the step's direction) and
/// <c>dV/dt &lt;= 1 mV/min</c> (magnitude).
/// </summary>
internal static partial class ConditionParser
{
    private static readonly Dictionary<string, double> SlopeUnits = new(StringComparer.Ordinal)
    {
        ["V/s"] = 1, ["mV/s"] = 1e-3, ["mV/min"] = 1e-3 / 60, ["mV/h"] = 1e-3 / 3600, ["uV/s"] = 1e-6, ["µV/s"] = 1e-6,
    };

    /// <summary>True when <paramref name="text"/> has the shape of a condition (a quantity word and an operator).</summary>
    public static bool LooksLikeCondition(string text) => Condition().IsMatch(text.Trim());

    public static bool TryParse(string text, CellReference cell, out StepCondition? condition, out string error)
    {
        condition = null;
        var m = Condition().Match(text.Trim());
        if (!m.Success)
        {
            error = $"'{text}' is not a condition; write e.g. 'voltage >= 4.25 V', 'current <= C/50', 'time >= 2 h', 'capacity >= 1 mAh', "
                + "'capacity >= 80 % of cycle 1', 'cycle capacity >= 1.5 mAh' or 'dV/dt <= 1 mV/min'";
            return false;
        }

        var op = m.Groups["op"].Value.StartsWith('>') ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow;
        var valueText = m.Groups["value"].Value.Trim();
        var q = Regex.Replace(m.Groups["q"].Value.ToUpperInvariant(), @"\s+", " ");
        if (q is "CAPACITY" or "STEP CAPACITY" && Fraction().Match(valueText) is { Success: true } f)
        {
            return TryFraction(text, op, f, out condition, out error);
        }

        (TerminationQuantity quantity, Dimension? dimension) = q switch
        {
            "VOLTAGE" => (TerminationQuantity.VoltageV, Dimension.Voltage),
            "CURRENT" => (TerminationQuantity.AbsCurrentA, Dimension.Current),
            "TIME" => (TerminationQuantity.StepTimeS, Dimension.Time),
            "CAPACITY" or "STEP CAPACITY" or "CYCLE CAPACITY" => (TerminationQuantity.StepCapacityAh, Dimension.Charge),
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

        if (quantity is not TerminationQuantity.VoltageV && value < 0)
        {
            error = $"'{text}': the value is a magnitude and must not be negative";
            return false;
        }

        if (q == "CYCLE CAPACITY")
        {
            if (op != TerminationComparison.AtOrAbove)
            {
                error = $"'{text}': a cycle capacity ends a step when it reaches a value; write 'cycle capacity >= ...'";
                return false;
            }

            condition = new StepCondition(StepConditionKind.CycleCapacity, new Termination(quantity, op, value), text.Trim());
            error = "";
            return true;
        }

        condition = StepCondition.Of(new Termination(quantity, op, value), text.Trim());
        error = "";
        return true;
    }

    private static bool TryFraction(string text, TerminationComparison op, Match f, out StepCondition? condition, out string error)
    {
        condition = null;
        var percent = double.Parse(f.Groups["pct"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var cycle = int.Parse(f.Groups["cycle"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (op != TerminationComparison.AtOrAbove)
        {
            error = $"'{text}': a step ends when its capacity reaches a share of a cycle's; write 'capacity >= {percent} % of cycle {cycle}'";
            return false;
        }

        if (percent is <= 0 or > 1000 || cycle < 1)
        {
            error = $"'{text}': the share must be above 0 % (at most 1000 %) of a cycle numbered 1 or more";
            return false;
        }

        condition = new StepCondition(StepConditionKind.FractionOfCycle,
            new Termination(TerminationQuantity.StepCapacityAh, op, percent / 100), text.Trim(), cycle);
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

        value = double.Parse(m.Groups["num"].Value, CultureInfo.InvariantCulture) * factor;
        error = "";
        return true;
    }

    [GeneratedRegex(@"^(?<q>voltage|current|time|step\s+capacity|cycle\s+capacity|capacity|dV/dt)\s*(?<op>>=|<=|>|<)\s*(?<value>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();

    [GeneratedRegex(@"^(?<pct>\d+(\.\d*)?)\s*%\s*of\s+cycle\s+(?<cycle>\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Fraction();

    [GeneratedRegex(@"^(?<num>\d+(\.\d*)?([eE][+-]?\d+)?)\s*(?<unit>\S+)$")]
    private static partial Regex Slope();
}
