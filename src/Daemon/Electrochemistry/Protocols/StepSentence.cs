using System.Text.RegularExpressions;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// PyBaMM-style step sentences: <c>Charge at C/10 until 4.25 V or 12 h</c>, <c>Discharge at 0.2 mA/cm2
/// until 2.6 V</c>, <c>Charge at 1 mA for 2 h</c>, <c>Rest for 30 min</c>, <c>Hold at 4.25 V until C/50 or 5 h</c>.
/// In "until" clauses a voltage is a cut-off (reached from the step's direction), a duration a time
/// limit, a charge a capacity limit and, for holds, a current the magnitude to decay below; any written
/// condition (<c>dV/dt &lt;= 0.1 mV/min</c>, <c>capacity &gt;= 80 % of cycle 1</c>) works too. A power instead of a
/// current (<c>Discharge at 5 mW until 2.6 V</c>) makes a constant-power step; <c>Charge at C/10 until 4.25 V then
/// hold until C/50 or 15 h</c> is one CCCV step; <c>OCV for 10 min</c> is a rest.
/// </summary>
internal static partial class StepSentence
{
    public static StepDraft Parse(ParseContext context, YamlScalarNode node, string path, CellReference cell)
    {
        var text = node.Value ?? "";
        var cccv = CccvStep().Match(text);
        if (cccv.Success)
        {
            var currentA = Math.Abs(Parse(context, node, path, cccv.Groups["current"].Value, Dimension.Current, cell));
            var voltageV = Parse(context, node, path, cccv.Groups["voltage"].Value, Dimension.Voltage, cell);
            var terms = Limits(context, node, path, cccv, cell, TerminationComparison.AtOrAbove, allowCurrent: true);
            return new StepDraft(StepKind.ConstantCurrentConstantVoltage, currentA, voltageV, terms, "cccv");
        }

        var cc = CurrentStep().Match(text);
        if (cc.Success)
        {
            var charge = cc.Groups["verb"].Value.Equals("charge", StringComparison.OrdinalIgnoreCase);
            var direction = charge ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow;
            var setPoint = cc.Groups["current"].Value;
            if (QuantityParser.TryParse(setPoint, Dimension.Power, cell, out var powerW, out _))
            {
                var powerTerms = Limits(context, node, path, cc, cell, direction, allowCurrent: false);
                return new StepDraft(StepKind.ConstantPower, 0, 0, powerTerms, charge ? "charge" : "discharge", PowerW: charge ? Math.Abs(powerW) : -Math.Abs(powerW));
            }

            var currentA = Parse(context, node, path, setPoint, Dimension.Current, cell);
            var terms = Limits(context, node, path, cc, cell, direction, allowCurrent: false);
            return new StepDraft(StepKind.ConstantCurrent, charge ? currentA : -currentA, 0, terms, charge ? "charge" : "discharge");
        }

        var rest = RestStep().Match(text);
        if (rest.Success)
        {
            var terms = Limits(context, node, path, rest, cell, TerminationComparison.AtOrAbove, allowCurrent: false);
            return new StepDraft(StepKind.Rest, 0, 0, terms, "rest");
        }

        var hold = HoldStep().Match(text);
        if (hold.Success)
        {
            var voltageV = Parse(context, node, path, hold.Groups["voltage"].Value, Dimension.Voltage, cell);
            var terms = Limits(context, node, path, hold, cell, TerminationComparison.AtOrAbove, allowCurrent: true);
            return new StepDraft(StepKind.ConstantVoltage, 0, voltageV, terms, "hold");
        }

        throw context.Error(node, path,
            $"'{text}' is not a step; write e.g. 'Charge at C/10 until 4.25 V', 'Discharge at 1 mA until 2.6 V or 10 h', 'Discharge at 5 mW until 2.6 V', "
            + "'Charge at C/10 until 4.25 V then hold until C/50', 'Rest for 30 min' or 'Hold at 4.25 V until C/50'");
    }

    private static List<StepCondition> Limits(ParseContext context, YamlNode node, string path, Match m, CellReference cell,
        TerminationComparison voltageDirection, bool allowCurrent)
    {
        var terms = new List<StepCondition>();
        if (m.Groups["for"].Success)
        {
            terms.Add(StepCondition.Of(Termination.AfterSeconds(Parse(context, node, path, m.Groups["for"].Value, Dimension.Time, cell)), $"for {m.Groups["for"].Value}"));
        }

        if (m.Groups["until"].Success)
        {
            foreach (var part in m.Groups["until"].Value.Split(" or ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                terms.Add(ConditionParser.LooksLikeCondition(part)
                    ? (ConditionParser.TryParse(part, cell, out var written, out var error) ? written! : throw context.Error(node, path, error))
                    : StepCondition.Of(Limit(context, node, path, part, cell, voltageDirection, allowCurrent), part));
            }
        }

        if (terms.Count == 0)
        {
            throw context.Error(node, path, $"'{node}' never ends; add 'until <voltage>' or 'for <duration>'");
        }

        return terms;
    }

    private static Termination Limit(ParseContext context, YamlNode node, string path, string part, CellReference cell,
        TerminationComparison voltageDirection, bool allowCurrent)
    {
        if (QuantityParser.TryParse(part, Dimension.Voltage, cell, out var v, out _))
        {
            return new Termination(TerminationQuantity.VoltageV, voltageDirection, v);
        }

        if (QuantityParser.TryParse(part, Dimension.Time, cell, out var t, out _))
        {
            return Termination.AfterSeconds(t);
        }

        if (QuantityParser.TryParse(part, Dimension.Charge, cell, out var q, out _))
        {
            return new Termination(TerminationQuantity.StepCapacityAh, TerminationComparison.AtOrAbove, q);
        }

        if (allowCurrent)
        {
            if (QuantityParser.TryParse(part, Dimension.Current, cell, out var i, out var currentError))
            {
                return new Termination(TerminationQuantity.AbsCurrentA, TerminationComparison.AtOrBelow, i);
            }

            if (currentError.Contains("C-rate", StringComparison.Ordinal) || currentError.Contains("density", StringComparison.Ordinal))
            {
                throw context.Error(node, path, currentError);
            }
        }

        var expected = allowCurrent ? "a current, a voltage, a duration or a charge" : "a voltage, a duration or a charge";
        throw context.Error(node, path, $"'{part}' in the until clause is not {expected} (units required, e.g. 4.25 V, 2 h, 1 mAh)");
    }

    private static double Parse(ParseContext context, YamlNode node, string path, string text, Dimension dimension, CellReference cell) =>
        QuantityParser.TryParse(text, dimension, cell, out var value, out var error) ? value : throw context.Error(node, path, error);

    [GeneratedRegex(@"^\s*(?<verb>charge|discharge)\s+at\s+(?<current>.+?)(\s+for\s+(?<for>.+?))?(\s+until\s+(?<until>.+?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CurrentStep();

    [GeneratedRegex(@"^\s*(?<verb>charge)\s+at\s+(?<current>.+?)\s+until\s+(?<voltage>[^\s]+\s*[mµu]?V)\s+then\s+hold(\s+for\s+(?<for>.+?))?(\s+until\s+(?<until>.+?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CccvStep();

    [GeneratedRegex(@"^\s*(rest|ocv|open\s+circuit)(\s+for\s+(?<for>.+?))?(\s+until\s+(?<until>.+?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RestStep();

    [GeneratedRegex(@"^\s*hold\s+at\s+(?<voltage>.+?)(\s+for\s+(?<for>.+?))?(\s+until\s+(?<until>.+?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex HoldStep();
}
