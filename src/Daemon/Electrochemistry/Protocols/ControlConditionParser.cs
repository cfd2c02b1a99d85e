using System.Globalization;
using System.Text.RegularExpressions;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Parses loop and goto conditions: <c>discharge capacity &lt; 80 % of cycle 1</c>, <c>charge capacity &gt;= 1.5 mAh</c>,
/// <c>coulombic efficiency &lt; 95 %</c>, <c>voltage &lt;= 1.5 V</c> (at the end of the last step),
/// <c>time &gt;= 24 h</c> (in the loop) and <c>cycles &gt;= 100</c> (completed cycles).
/// </summary>
internal static partial class ControlConditionParser
{
    public static bool TryParse(string text, CellReference cell, bool negated, out ControlCondition? condition, out string error)
    {
        condition = null;
        var m = Shape().Match(text.Trim());
        if (!m.Success)
        {
            error = $"'{text}' is not a loop condition; write e.g. 'discharge capacity < 80 % of cycle 1', 'charge capacity >= 1.5 mAh', "
                + "'coulombic efficiency < 95 %', 'voltage <= 1.5 V', 'time >= 24 h' or 'cycles >= 100'";
            return false;
        }

        var op = m.Groups["op"].Value.StartsWith('>') ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow;
        var valueText = m.Groups["value"].Value.Trim();
        var q = Regex.Replace(m.Groups["q"].Value.ToUpperInvariant(), @"\s+", " ");
        var written = text.Trim();
        switch (q)
        {
            case "CHARGE CAPACITY":
            case "DISCHARGE CAPACITY":
                {
                    var quantity = q == "CHARGE CAPACITY" ? ControlQuantity.ChargeCapacityAh : ControlQuantity.DischargeCapacityAh;
                    if (Fraction().Match(valueText) is { Success: true } f)
                    {
                        var cycle = int.Parse(f.Groups["cycle"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
                        if (cycle < 1)
                        {
                            error = $"'{text}': cycles are numbered from 1";
                            return false;
                        }

                        condition = new ControlCondition(quantity, op, Percent(f.Groups["pct"].Value), written, cycle, negated);
                        break;
                    }

                    if (!QuantityParser.TryParse(valueText, Dimension.Charge, cell, out var ah, out error))
                    {
                        error += " or a share such as 80 % of cycle 1";
                        return false;
                    }

                    condition = new ControlCondition(quantity, op, ah, written, 0, negated);
                    break;
                }

            case "COULOMBIC EFFICIENCY":
                if (PercentOnly().Match(valueText) is not { Success: true } p)
                {
                    error = $"'{valueText}' is not a percentage such as 95 %";
                    return false;
                }

                condition = new ControlCondition(ControlQuantity.CoulombicEfficiency, op, Percent(p.Groups["pct"].Value), written, 0, negated);
                break;
            case "VOLTAGE":
                if (!QuantityParser.TryParse(valueText, Dimension.Voltage, cell, out var v, out error))
                {
                    return false;
                }

                condition = new ControlCondition(ControlQuantity.EndVoltageV, op, v, written, 0, negated);
                break;
            case "TIME":
                if (!QuantityParser.TryParse(valueText, Dimension.Time, cell, out var s, out error))
                {
                    return false;
                }

                condition = new ControlCondition(ControlQuantity.ElapsedTimeS, op, s, written, 0, negated);
                break;
            default:
                if (!int.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    error = $"'{valueText}' is not a whole number of cycles";
                    return false;
                }

                condition = new ControlCondition(ControlQuantity.CompletedCycles, op, n, written, 0, negated);
                break;
        }

        error = "";
        return true;
    }

    private static double Percent(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) / 100;

    [GeneratedRegex(@"^(?<q>charge\s+capacity|discharge\s+capacity|coulombic\s+efficiency|voltage|time|cycles)\s*(?<op>>=|<=|>|<)\s*(?<value>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(?<pct>\d+(\.\d*)?)\s*%\s*of\s+cycle\s+(?<cycle>\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Fraction();

    [GeneratedRegex(@"^(?<pct>\d+(\.\d*)?)\s*%$")]
    private static partial Regex PercentOnly();
}
