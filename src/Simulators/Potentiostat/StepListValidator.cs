using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Simulators.Potentiostat;

/// <summary>Checks a step list against a channel's declared capabilities, as the device does on load.</summary>
internal static class StepListValidator
{
    public static void Validate(string channelId, ChannelCapabilities caps, IReadOnlyList<ChannelStep> steps)
    {
        if (steps.Count == 0)
        {
            throw new CapabilityException(channelId, "the step list is empty");
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var where = $"step {i} ({step.Label})";
            if (!caps.StepKinds.Contains(step.Kind))
            {
                throw new CapabilityException(channelId, $"{where}: step kind {step.Kind} is not supported; supported: {string.Join(", ", caps.StepKinds)}");
            }

            if (!double.IsFinite(step.CurrentA) || Math.Abs(step.CurrentA) > caps.MaxAbsCurrentA)
            {
                throw new CapabilityException(channelId, FormattableString.Invariant(
                    $"{where}: current {step.CurrentA:G6} A is outside the channel's range ±{caps.MaxAbsCurrentA:G6} A"));
            }

            var usesVoltage = step.Kind is StepKind.ConstantVoltage or StepKind.ConstantCurrentConstantVoltage;
            if (usesVoltage && (!double.IsFinite(step.VoltageV) || !caps.VoltageRangeV.Contains(step.VoltageV)))
            {
                throw new CapabilityException(channelId, FormattableString.Invariant(
                    $"{where}: voltage {step.VoltageV:G6} V is outside the channel's range {caps.VoltageRangeV} V"));
            }

            if (step.Terminations.Count == 0)
            {
                throw new CapabilityException(channelId, $"{where}: has no termination and would never end");
            }

            foreach (var t in step.Terminations)
            {
                if (!double.IsFinite(t.Threshold))
                {
                    throw new CapabilityException(channelId, $"{where}: termination {t} has a threshold that is not a finite number");
                }

                if (!caps.DeviceTerminations.Contains(t.Quantity))
                {
                    throw new CapabilityException(channelId, $"{where}: termination on {t.Quantity} is not evaluated by this device");
                }
            }
        }
    }
}
