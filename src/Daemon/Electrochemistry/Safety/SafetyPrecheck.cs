using System.Globalization;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Safety;

/// <summary>
/// Refuses, before anything starts, a protocol that asks for what the channel's safety limits forbid: a
/// current or voltage set point, or a voltage cut-off, outside them. Such a run could only end in a safety stop.
/// </summary>
public static class SafetyPrecheck
{
    /// <summary>Throws <see cref="ProtocolException"/> naming the first step that asks for more than <paramref name="limits"/> allow.</summary>
    public static void Check(CompiledProtocol protocol, string source, string channelId, SafetyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var s in protocol.Steps)
        {
            var step = s.Step;
            if (Math.Abs(step.CurrentA) > limits.MaxAbsCurrentA)
            {
                throw new ProtocolException(source, s.SourceLine, s.Field, string.Create(CultureInfo.InvariantCulture,
                    $"current {step.CurrentA:G6} A is beyond channel {channelId}'s safety limit ±{limits.MaxAbsCurrentA:G6} A"));
            }

            if (step.Kind is StepKind.ConstantVoltage or StepKind.ConstantCurrentConstantVoltage or StepKind.PotentiostaticImpedance
                && !step.HoldAtPresentVoltage && !limits.VoltageV.Contains(step.VoltageV))
            {
                throw new ProtocolException(source, s.SourceLine, s.Field, string.Create(CultureInfo.InvariantCulture,
                    $"voltage {step.VoltageV:G6} V is outside channel {channelId}'s safety limits {limits.VoltageV} V"));
            }

            foreach (var t in step.Terminations.Where(t => t.Quantity == TerminationQuantity.VoltageV && !limits.VoltageV.Contains(t.Threshold)))
            {
                throw new ProtocolException(source, s.SourceLine, s.Field, string.Create(CultureInfo.InvariantCulture,
                    $"cut-off {t.Threshold:G6} V lies outside channel {channelId}'s safety limits {limits.VoltageV} V; the run would end in a safety stop"));
            }
        }
    }
}
