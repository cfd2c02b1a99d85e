using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// A parsed protocol, immutable and in SI units: the program tree (<see cref="Body"/>), the step definitions,
/// and the lowered program a <see cref="ProtocolCursor"/> runs. A <see cref="IsLinear">linear</see> protocol (count
/// loops only, no groups, gotos or computed thresholds) also has its flat, unrolled step list in
/// <see cref="Steps"/> / <see cref="ChannelSteps"/>, to be loaded on a device whole.
/// </summary>
/// <param name="Name">The protocol's name.</param>
/// <param name="Cell">What C-rates and current densities referred to.</param>
/// <param name="Steps">Linear protocols: the unrolled steps with cycle numbers. Others: each step definition once
/// (cycle 1), so checks that look at every set point and cut-off see them all.</param>
public sealed record CompiledProtocol(string Name, CellReference Cell, IReadOnlyList<CompiledStep> Steps)
{
    /// <summary>The program tree: steps, loops, groups, labels and gotos as written.</summary>
    public IReadOnlyList<ProtocolNode> Body { get; init; } = [];

    /// <summary>Every step the protocol defines, indexed by <see cref="ProtocolStep.Id"/>.</summary>
    public IReadOnlyList<ProtocolStep> Definitions { get; init; } = [];

    /// <summary>The lowered program.</summary>
    internal ProtocolProgram Program { get; init; } = new([], [], [], []);

    /// <summary>
    /// True when the protocol runs the same steps whatever the cell does: no conditional loops, groups or gotos
    /// and no thresholds computed from earlier cycles. Such a protocol can be loaded on a device whole
    /// (<see cref="ChannelSteps"/>); any protocol can be run with a <see cref="ProtocolCursor"/>.
    /// </summary>
    public bool IsLinear =>
        Program.Groups.Count == 0
        && Program.Gotos.Count == 0
        && Program.Loops.All(l => l.Count is not null)
        && Definitions.All(d => d.HasOnlyFixedConditions);

    /// <summary>The device step list of a <see cref="IsLinear">linear</see> protocol.</summary>
    /// <exception cref="InvalidOperationException">The protocol has conditional control flow: run it with a <see cref="ProtocolCursor"/>.</exception>
    public IReadOnlyList<ChannelStep> ChannelSteps => IsLinear
        ? [.. Steps.Select(s => s.Step)]
        : throw new InvalidOperationException(
            $"protocol '{Name}' has conditional loops, groups, gotos or computed thresholds; it cannot be loaded as one step list: run it with a ProtocolCursor");

    /// <summary>
    /// Upper bound of the duration from the steps' time limits, s; null when a step has no time limit (it ends on
    /// voltage, current or capacity only, so its length depends on the cell) or the protocol is not linear.
    /// See <see cref="ProtocolReport.Duration"/> for an estimate of any protocol.
    /// </summary>
    public double? MaxDurationS
    {
        get
        {
            if (!IsLinear)
            {
                return null;
            }

            double total = 0;
            foreach (var s in Steps)
            {
                var limit = s.Step.Terminations
                    .Where(t => t.Quantity == TerminationQuantity.StepTimeS && t.Comparison == TerminationComparison.AtOrAbove)
                    .Select(t => (double?)t.Threshold)
                    .Min();
                if (limit is null)
                {
                    return null;
                }

                total += limit.Value;
            }

            return total;
        }
    }

    /// <summary>Each definition once as a device step (computed thresholds left out), cycle 1.</summary>
    internal IReadOnlyList<CompiledStep> DefinitionSteps() =>
    [
        .. Definitions.Select(d => new CompiledStep(
            d.ToChannelStep([.. d.Until.Where(c => c.Kind == StepConditionKind.Fixed).Select(c => c.Termination)], 1), d.SourceLine, d.Field)),
    ];
}

/// <summary>One step and where it was written.</summary>
/// <param name="Step">The device step.</param>
/// <param name="SourceLine">1-based line in the protocol file.</param>
/// <param name="Field">Field path, e.g. <c>steps[1].steps[0]</c>.</param>
public sealed record CompiledStep(ChannelStep Step, int SourceLine, string Field);

/// <summary>A step before its place in the program is known.</summary>
internal sealed record StepDraft(StepKind Kind, double CurrentA, double VoltageV, IReadOnlyList<StepCondition> Conditions, string Label,
    ImpedanceSweep? Impedance = null, bool HoldAtPresentVoltage = false, double PowerW = 0, string? FitCircuit = null);

/// <summary>Unrolls a linear protocol into its flat step list, an innermost loop's iteration being one cycle.</summary>
internal static class LinearUnroller
{
    public static List<CompiledStep> Unroll(ParseContext context, CompiledProtocol protocol)
    {
        var steps = new List<CompiledStep>();
        var cycle = 1;
        Add(protocol.Body);
        return steps;

        void Add(IReadOnlyList<ProtocolNode> nodes)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case StepNode s:
                        if (steps.Count >= ProtocolParser.MaxSteps)
                        {
                            throw new ProtocolException(context.Source, s.SourceLine, s.Field,
                                FormattableString.Invariant($"the protocol unrolls to more than {ProtocolParser.MaxSteps} steps; reduce the repeat counts"));
                        }

                        steps.Add(new CompiledStep(s.Step.ToChannelStep([.. s.Step.Until.Select(c => c.Termination)], cycle), s.SourceLine, s.Field));
                        break;
                    case LoopNode l:
                        for (var i = 0; i < l.Count; i++)
                        {
                            Add(l.Body);
                            if (l.CountsCycles)
                            {
                                cycle++;
                            }
                        }

                        break;
                }
            }
        }
    }
}
