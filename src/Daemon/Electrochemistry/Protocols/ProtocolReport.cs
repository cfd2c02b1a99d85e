using System.Globalization;
using System.Text;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>Who evaluates a condition.</summary>
public enum ConditionRunsOn
{
    /// <summary>The device, with the threshold as written.</summary>
    Device,
    /// <summary>The device, with a threshold the daemon computes when the step starts (cycle capacity, % of cycle N, group time left).</summary>
    DeviceComputedThreshold,
    /// <summary>The daemon, from the samples it receives; it stops the channel when the condition is met.</summary>
    Daemon,
}

/// <summary>Where one condition of a step runs and how fast it acts.</summary>
/// <param name="Text">The condition as written (group limits name their group).</param>
/// <param name="RunsOn">Who evaluates it.</param>
/// <param name="LatencyS">How late it can act, s: 0 on the device (its own check rate); for the daemon one sample period, or the dV/dt window.</param>
/// <param name="How">A sentence saying how.</param>
public sealed record ConditionPlacement(string Text, ConditionRunsOn RunsOn, double LatencyS, string How);

/// <summary>How one step definition will run.</summary>
/// <param name="StepId">The definition's id.</param>
/// <param name="Field">Its field path.</param>
/// <param name="SourceLine">Its line.</param>
/// <param name="Label">Its label.</param>
/// <param name="Conditions">Its conditions, group limits first.</param>
public sealed record StepReport(int StepId, string Field, int SourceLine, string Label, IReadOnlyList<ConditionPlacement> Conditions);

/// <summary>
/// What the checker found out about running a protocol on a channel: where every condition is evaluated, which
/// control decisions the daemon takes, and the estimated duration.
/// </summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="Steps">Per step definition.</param>
/// <param name="Control">The loops, groups and gotos and who decides them, one sentence each.</param>
/// <param name="Duration">The duration estimate.</param>
/// <param name="IsLinear">True when the protocol loads on the device as one step list.</param>
public sealed record ProtocolReport(string ChannelId, IReadOnlyList<StepReport> Steps, IReadOnlyList<string> Control, DurationEstimate Duration, bool IsLinear)
{
    internal static ProtocolReport Build(CompiledProtocol protocol, string channelId, ChannelCapabilities caps)
    {
        var samplePeriodS = caps.MinSamplePeriodS;
        var steps = new List<StepReport>();
        foreach (var d in protocol.Definitions)
        {
            var list = new List<ConditionPlacement>();
            foreach (var groupId in d.GroupIds)
            {
                var g = protocol.Program.Groups[groupId];
                foreach (var limit in g.Limits)
                {
                    var text = $"group '{g.Label}' {limit.Text}";
                    list.Add(limit.Termination.Quantity == TerminationQuantity.StepTimeS
                        ? Computed(text, caps, "the time left in the group, computed by the daemon at the step's start")
                        : Place(text, limit.Termination.Quantity, caps, samplePeriodS));
                }
            }

            foreach (var c in d.Until)
            {
                list.Add(c.Kind switch
                {
                    StepConditionKind.CycleCapacity => Computed(c.Text, caps, "a step-capacity limit of what the cycle still lacks, computed at the step's start"),
                    StepConditionKind.FractionOfCycle => Computed(c.Text, caps, $"a step-capacity limit from cycle {c.ReferenceCycle}'s capacity, computed at the step's start"),
                    _ => Place(c.Text, c.Termination.Quantity, caps, samplePeriodS),
                });
            }

            steps.Add(new StepReport(d.Id, d.Field, d.SourceLine, d.Label, list));
        }

        var control = new List<string>();
        Describe(protocol.Body, control);
        return new ProtocolReport(channelId, steps, control, DurationEstimator.Estimate(protocol), protocol.IsLinear);
    }

    private static ConditionPlacement Place(string text, TerminationQuantity quantity, ChannelCapabilities caps, double samplePeriodS)
    {
        if (caps.DeviceTerminations.Contains(quantity))
        {
            return new ConditionPlacement(text, ConditionRunsOn.Device, 0, "on the device");
        }

        if (quantity == TerminationQuantity.AbsVoltageSlopeVPerS)
        {
            var latency = Math.Max(EmulatedConditionMonitor.SlopeWindowS, 3 * samplePeriodS);
            return new ConditionPlacement(text, ConditionRunsOn.Daemon, latency, string.Create(CultureInfo.InvariantCulture,
                $"emulated by the daemon: least-squares dV/dt over {EmulatedConditionMonitor.SlopeWindowS:G3} s of samples, then the channel is stopped (within about {latency:G3} s)"));
        }

        return new ConditionPlacement(text, ConditionRunsOn.Daemon, samplePeriodS, string.Create(CultureInfo.InvariantCulture,
            $"emulated by the daemon on every sample, then the channel is stopped (within one sample period, {samplePeriodS:G3} s)"));
    }

    private static ConditionPlacement Computed(string text, ChannelCapabilities caps, string how) =>
        new(text, caps.DeviceTerminations.Contains(TerminationQuantity.StepCapacityAh) || how.Contains("time left", StringComparison.Ordinal)
            ? ConditionRunsOn.DeviceComputedThreshold
            : ConditionRunsOn.Daemon, 0, $"on the device as {how}");

    private static void Describe(IReadOnlyList<ProtocolNode> nodes, List<string> control)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case LoopNode { Count: { } n } l:
                    control.Add($"{l.Field}: {n} iterations{(l.CountsCycles ? " (one cycle each)" : "")}, unrolled into the device's step list");
                    Describe(l.Body, control);
                    break;
                case LoopNode l:
                    control.Add($"{l.Field}: {(l.Kind == "gitt" ? "GITT pulses" : "iterations")} until {l.StopWhen!.Text}{(l.StopWhen.Negated ? " is false (while)" : "")}, "
                        + $"at most {l.MaxIterations}: decided by the daemon after each iteration, before the next segment is loaded");
                    Describe(l.Body, control);
                    break;
                case GroupNode g:
                    control.Add($"{g.Field}: group '{g.Label}' ends on {string.Join(" or ", g.Limits.Select(x => x.Text))}"
                        + $"{(g.StopProtocolOnLimit ? ", which ends the protocol" : "")}; each of its steps is loaded alone with the limits as device terminations");
                    Describe(g.Body, control);
                    break;
                case GotoNode g:
                    control.Add($"{g.Field}: goto '{g.Target}'{(g.When is { } w ? $" if {w.Text}" : "")}{(g.MaxTimes is { } m ? $", at most {m} times" : "")}: decided by the daemon when reached");
                    break;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"channel {ChannelId}: {(IsLinear ? "one step list on the device" : "run in segments by the daemon")}; duration {Duration}\n");
        foreach (var s in Steps)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  line {s.SourceLine} {s.Field} ({s.Label}):\n");
            foreach (var c in s.Conditions)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    {c.Text}: {c.How}\n");
            }
        }

        foreach (var c in Control)
        {
            sb.Append("  ").Append(c).Append('\n');
        }

        foreach (var m in Duration.Method)
        {
            sb.Append("  estimate: ").Append(m).Append('\n');
        }

        return sb.ToString();
    }
}
