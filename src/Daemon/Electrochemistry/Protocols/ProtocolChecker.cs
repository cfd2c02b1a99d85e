using System.Globalization;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Checks a compiled protocol against the target channel's declared capabilities before anything
/// starts, so a protocol that cannot run fails at submission with the line that is wrong, never
/// half-way through a night: step kinds, currents (also the current a constant-power step draws at its
/// lowest voltage), set voltages, cut-offs the channel can reach, EIS frequencies, and end conditions that
/// can never be met. Conditions the device cannot evaluate are not errors: the daemon emulates them
/// (<see cref="Analyze"/> says which, and at what latency).
/// </summary>
public static class ProtocolChecker
{
    /// <summary>Throws <see cref="ProtocolException"/> for the first step the channel cannot run.</summary>
    public static void Check(CompiledProtocol protocol, string source, string channelId, ChannelCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(caps);
        var lowestCutoffV = protocol.Definitions
            .SelectMany(d => d.Until)
            .Where(c => c.Kind == StepConditionKind.Fixed && c.Termination.Quantity == TerminationQuantity.VoltageV)
            .Select(c => (double?)c.Termination.Threshold)
            .Min();
        if (protocol.Definitions.Count == 0)
        {
            foreach (var s in protocol.Steps)
            {
                var step = s.Step;
                var conditions = step.Terminations.Select(t => StepCondition.Of(t)).ToList();
                CheckStep(new Site(source, s.SourceLine, s.Field, channelId), caps, step.Kind, step.CurrentA, step.VoltageV, step.PowerW,
                    step.HoldAtPresentVoltage, step.Impedance, conditions, lowestCutoffV);
            }

            return;
        }

        foreach (var d in protocol.Definitions)
        {
            CheckStep(new Site(source, d.SourceLine, d.Field, channelId), caps, d.Kind, d.CurrentA, d.VoltageV, d.PowerW, d.HoldAtPresentVoltage,
                d.Impedance, d.Until, lowestCutoffV);
        }

        foreach (var g in protocol.Program.Groups)
        {
            foreach (var limit in g.Limits.Where(l => l.Termination.Quantity == TerminationQuantity.VoltageV && !caps.VoltageRangeV.Contains(l.Termination.Threshold)))
            {
                throw new ProtocolException(source, g.SourceLine, $"{g.Field}.until", Invariant(
                    $"'{limit.Text}': {limit.Termination.Threshold:G6} V can never be reached: channel {channelId} works in {caps.VoltageRangeV} V"));
            }
        }
    }

    /// <summary>
    /// Checks the protocol (as <see cref="Check"/>) and reports how it will run on the channel: which conditions the
    /// device evaluates, which the daemon emulates and at what latency, which decisions the daemon takes between
    /// segments, and an estimate of the duration with its bounds and method.
    /// </summary>
    public static ProtocolReport Analyze(CompiledProtocol protocol, string source, string channelId, ChannelCapabilities caps)
    {
        Check(protocol, source, channelId, caps);
        return ProtocolReport.Build(protocol, channelId, caps);
    }

    private sealed record Site(string Source, int Line, string Field, string ChannelId)
    {
        public ProtocolException Error(string problem) => new(Source, Line, Field, problem);
    }

    private static void CheckStep(Site at, ChannelCapabilities caps, StepKind kind, double currentA, double voltageV, double powerW, bool holdAtPresent,
        ImpedanceSweep? sweep, IReadOnlyList<StepCondition> until, double? lowestCutoffV)
    {
        var channelId = at.ChannelId;
        if (!caps.StepKinds.Contains(kind))
        {
            throw at.Error($"channel {channelId} cannot run {kind} steps; it supports {string.Join(", ", caps.StepKinds)}");
        }

        if (Math.Abs(currentA) > caps.MaxAbsCurrentA)
        {
            throw at.Error(Invariant($"current {currentA * 1e3:G6} mA is above channel {channelId}'s range ±{caps.MaxAbsCurrentA * 1e3:G6} mA"));
        }

        if (kind == StepKind.ConstantPower)
        {
            CheckPower(at, caps, powerW, until, lowestCutoffV);
        }

        if (sweep is not null)
        {
            CheckSweep(at, caps, sweep);
        }

        var holdsVoltage = kind is StepKind.ConstantVoltage or StepKind.ConstantCurrentConstantVoltage or StepKind.PotentiostaticImpedance && !holdAtPresent;
        if (holdsVoltage && !caps.VoltageRangeV.Contains(voltageV))
        {
            throw at.Error(Invariant($"voltage {voltageV:G6} V is outside channel {channelId}'s range {caps.VoltageRangeV} V"));
        }

        foreach (var c in until)
        {
            var t = c.Termination;
            if (t.Quantity == TerminationQuantity.VoltageV && !caps.VoltageRangeV.Contains(t.Threshold))
            {
                throw at.Error(Invariant($"cut-off {t.Threshold:G6} V can never be reached: channel {channelId} works in {caps.VoltageRangeV} V"));
            }

            if (Unreachable(kind, currentA, voltageV, powerW, holdAtPresent, c) is { } why)
            {
                throw at.Error($"'{c.Text}' can never end this step: {why}");
            }
        }

        if (kind is StepKind.ConstantCurrent or StepKind.ConstantPower && until.Count > 0
            && until.All(c => c.Termination.Quantity == TerminationQuantity.VoltageV && c.Termination.Comparison != Rising(kind, currentA, powerW)))
        {
            var direction = Rising(kind, currentA, powerW) == TerminationComparison.AtOrAbove ? "charging raises" : "discharging lowers";
            throw at.Error($"'{until[0].Text}' can never end this step normally: {direction} the voltage, so it is met at once or never; "
                + "add a time or capacity limit, or turn the comparison round");
        }
    }

    private static TerminationComparison Rising(StepKind kind, double currentA, double powerW) =>
        (kind == StepKind.ConstantPower ? powerW : currentA) >= 0 ? TerminationComparison.AtOrAbove : TerminationComparison.AtOrBelow;

    /// <summary>Why <paramref name="c"/> can never end a step of this kind, or null.</summary>
    private static string? Unreachable(StepKind kind, double currentA, double voltageV, double powerW, bool holdAtPresent, StepCondition c)
    {
        var t = c.Termination;
        var passesCharge = c.Kind != StepConditionKind.Fixed || t.Quantity == TerminationQuantity.StepCapacityAh;
        switch (kind)
        {
            case StepKind.Rest when passesCharge:
                return "a rest passes no charge";
            case StepKind.Rest when t.Quantity is TerminationQuantity.AbsCurrentA or TerminationQuantity.CurrentA:
                return "a rest has no current, so the condition is met at once or never";
            case StepKind.ConstantCurrent when t.Quantity is TerminationQuantity.AbsCurrentA or TerminationQuantity.CurrentA:
                return Invariant($"a constant-current step keeps {currentA * 1e3:G6} mA, so the condition is met at once or never; use it on a cv or cccv step");
            case StepKind.ConstantVoltage when !holdAtPresent && t.Quantity == TerminationQuantity.VoltageV:
                {
                    var beyond = t.Comparison == TerminationComparison.AtOrAbove ? t.Threshold > voltageV + 1e-3 : t.Threshold < voltageV - 1e-3;
                    return beyond ? Invariant($"the step holds {voltageV:G6} V and the voltage never goes beyond it") : null;
                }

            case StepKind.ConstantPower when t.Quantity is TerminationQuantity.CurrentA or TerminationQuantity.AbsCurrentA:
                return Invariant($"limit a constant-power step ({powerW * 1e3:G6} mW) by voltage, time or capacity instead");
            default:
                return null;
        }
    }

    private static void CheckPower(Site at, ChannelCapabilities caps, double powerW, IReadOnlyList<StepCondition> until, double? lowestCutoffV)
    {
        // The current P/V is largest at the lowest voltage the step can see: its own cut-off when discharging,
        // else the lowest cut-off the protocol lets the cell reach.
        var ownCutoff = until
            .Where(c => c.Kind == StepConditionKind.Fixed && c.Termination.Quantity == TerminationQuantity.VoltageV && c.Termination.Comparison == TerminationComparison.AtOrBelow)
            .Select(c => (double?)c.Termination.Threshold)
            .Max();
        var lowestV = powerW < 0 ? ownCutoff ?? lowestCutoffV : lowestCutoffV;
        if (lowestV is not { } v || v <= 0)
        {
            throw at.Error(Invariant($"constant power {powerW * 1e3:G6} mW needs a voltage cut-off above 0 V (the current P/V grows without bound as the voltage falls)"));
        }

        var currentA = Math.Abs(powerW) / v;
        if (currentA > caps.MaxAbsCurrentA)
        {
            throw at.Error(Invariant(
                $"constant power {powerW * 1e3:G6} mW needs {currentA * 1e3:G6} mA at {v:G6} V, above channel {at.ChannelId}'s range ±{caps.MaxAbsCurrentA * 1e3:G6} mA"));
        }
    }

    private static void CheckSweep(Site at, ChannelCapabilities caps, ImpedanceSweep sweep)
    {
        if (caps.ImpedanceFrequencyRangeHz is not { } range)
        {
            throw at.Error($"channel {at.ChannelId} cannot measure impedance");
        }

        foreach (var (name, f) in new[] { ("from", sweep.StartFrequencyHz), ("to", sweep.EndFrequencyHz) })
        {
            if (!range.Contains(f))
            {
                throw at.Error(Invariant($"{name}: {f:G6} Hz is outside channel {at.ChannelId}'s EIS range {range} Hz"));
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
