using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Simulators.Potentiostat;

/// <summary>Checks a step list against a channel's declared capabilities, as the device does on load.</summary>
internal static class StepListValidator
{
    public static void Validate(string channelId, ChannelCapabilities caps, double maxImpedanceAmplitudeV, IReadOnlyList<ChannelStep> steps)
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

            if (step.Kind == StepKind.ConstantPower && (!double.IsFinite(step.PowerW) || step.PowerW == 0))
            {
                throw new CapabilityException(channelId, FormattableString.Invariant(
                    $"{where}: constant power {step.PowerW:G6} W must be a finite, non-zero power (positive charges, negative discharges)"));
            }

            var usesVoltage = step.Kind is StepKind.ConstantVoltage or StepKind.ConstantCurrentConstantVoltage or StepKind.PotentiostaticImpedance
                && !step.HoldAtPresentVoltage;
            if (usesVoltage && (!double.IsFinite(step.VoltageV) || !caps.VoltageRangeV.Contains(step.VoltageV)))
            {
                throw new CapabilityException(channelId, FormattableString.Invariant(
                    $"{where}: voltage {step.VoltageV:G6} V is outside the channel's range {caps.VoltageRangeV} V"));
            }

            if (step.Kind is StepKind.PotentiostaticImpedance or StepKind.GalvanostaticImpedance)
            {
                ValidateSweep(channelId, caps, maxImpedanceAmplitudeV, step, where);
            }
            else if (step.Terminations.Count == 0)
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

    private static void ValidateSweep(string channelId, ChannelCapabilities caps, double maxAmplitudeV, ChannelStep step, string where)
    {
        if (step.Impedance is not { } sweep)
        {
            throw new CapabilityException(channelId, $"{where}: an impedance step needs its frequency sweep");
        }

        var range = caps.ImpedanceFrequencyRangeHz!.Value;
        foreach (var (name, f) in new[] { ("start", sweep.StartFrequencyHz), ("end", sweep.EndFrequencyHz) })
        {
            if (!range.Contains(f))
            {
                throw new CapabilityException(channelId, FormattableString.Invariant(
                    $"{where}: {name} frequency {f:G6} Hz is outside the channel's EIS range {range} Hz"));
            }
        }

        if (sweep.PointsPerDecade is < 1 or > 100)
        {
            throw new CapabilityException(channelId, FormattableString.Invariant($"{where}: {sweep.PointsPerDecade} points per decade is outside 1..100"));
        }

        var galvanostatic = step.Kind == StepKind.GalvanostaticImpedance;
        var max = galvanostatic ? caps.MaxAbsCurrentA - Math.Abs(step.CurrentA) : maxAmplitudeV;
        if (!(sweep.Amplitude > 0) || sweep.Amplitude > max)
        {
            throw new CapabilityException(channelId, FormattableString.Invariant(
                $"{where}: amplitude {sweep.Amplitude:G6} {(galvanostatic ? "A" : "V")} is outside 0..{max:G6} {(galvanostatic ? "A" : "V")}"));
        }
    }
}
