using System.Globalization;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Checks a compiled protocol against the target channel's declared capabilities before anything
/// starts, so a protocol that cannot run fails at submission with the line that is wrong, never
/// half-way through a night.
/// </summary>
public static class ProtocolChecker
{
    /// <summary>Throws <see cref="ProtocolException"/> for the first step the channel cannot run.</summary>
    public static void Check(CompiledProtocol protocol, string source, string channelId, ChannelCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(caps);
        foreach (var s in protocol.Steps)
        {
            var step = s.Step;
            if (!caps.StepKinds.Contains(step.Kind))
            {
                throw new ProtocolException(source, s.SourceLine, s.Field,
                    $"channel {channelId} cannot run {step.Kind} steps; it supports {string.Join(", ", caps.StepKinds)}");
            }

            if (Math.Abs(step.CurrentA) > caps.MaxAbsCurrentA)
            {
                throw new ProtocolException(source, s.SourceLine, s.Field, string.Create(CultureInfo.InvariantCulture,
                    $"current {step.CurrentA * 1e3:G6} mA is above channel {channelId}'s range ±{caps.MaxAbsCurrentA * 1e3:G6} mA"));
            }

            if (step.Impedance is { } sweep)
            {
                CheckSweep(source, s, channelId, caps, sweep);
            }

            if (step.Kind is StepKind.ConstantVoltage or StepKind.ConstantCurrentConstantVoltage or StepKind.PotentiostaticImpedance
                && !step.HoldAtPresentVoltage && !caps.VoltageRangeV.Contains(step.VoltageV))
            {
                throw new ProtocolException(source, s.SourceLine, s.Field, string.Create(CultureInfo.InvariantCulture,
                    $"voltage {step.VoltageV:G6} V is outside channel {channelId}'s range {caps.VoltageRangeV} V"));
            }

            foreach (var t in step.Terminations)
            {
                if (t.Quantity == TerminationQuantity.VoltageV && !caps.VoltageRangeV.Contains(t.Threshold))
                {
                    throw new ProtocolException(source, s.SourceLine, s.Field, string.Create(CultureInfo.InvariantCulture,
                        $"cut-off {t.Threshold:G6} V can never be reached: channel {channelId} works in {caps.VoltageRangeV} V"));
                }

                if (!caps.DeviceTerminations.Contains(t.Quantity))
                {
                    throw new ProtocolException(source, s.SourceLine, s.Field,
                        $"channel {channelId} cannot end a step on {t.Quantity}");
                }
            }
        }
    }

    private static void CheckSweep(string source, CompiledStep s, string channelId, ChannelCapabilities caps, ImpedanceSweep sweep)
    {
        if (caps.ImpedanceFrequencyRangeHz is not { } range)
        {
            throw new ProtocolException(source, s.SourceLine, s.Field, $"channel {channelId} cannot measure impedance");
        }

        foreach (var (name, f) in new[] { ("from", sweep.StartFrequencyHz), ("to", sweep.EndFrequencyHz) })
        {
            if (!range.Contains(f))
            {
                throw new ProtocolException(source, s.SourceLine, s.Field, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {f:G6} Hz is outside channel {channelId}'s EIS range {range} Hz"));
            }
        }
    }
}
