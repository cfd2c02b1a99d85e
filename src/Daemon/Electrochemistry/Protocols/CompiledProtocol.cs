using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>A parsed protocol: an immutable, flat step list in SI units, ready to check and load.</summary>
/// <param name="Name">The protocol's name.</param>
/// <param name="Cell">What C-rates and current densities referred to.</param>
/// <param name="Steps">The steps with the line each came from.</param>
public sealed record CompiledProtocol(string Name, CellReference Cell, IReadOnlyList<CompiledStep> Steps)
{
    /// <summary>The device step list.</summary>
    public IReadOnlyList<ChannelStep> ChannelSteps => [.. Steps.Select(s => s.Step)];

    /// <summary>
    /// Upper bound of the duration from the steps' time limits, s; null when a step has no time limit
    /// (it ends on voltage, current or capacity only, so its length depends on the cell).
    /// </summary>
    public double? MaxDurationS
    {
        get
        {
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
}

/// <summary>One step and where it was written.</summary>
/// <param name="Step">The device step.</param>
/// <param name="SourceLine">1-based line in the protocol file.</param>
/// <param name="Field">Field path, e.g. <c>steps[1].steps[0]</c>.</param>
public sealed record CompiledStep(ChannelStep Step, int SourceLine, string Field);

/// <summary>A step before its cycle number is known.</summary>
internal sealed record StepDraft(StepKind Kind, double CurrentA, double VoltageV, IReadOnlyList<Termination> Terminations, string Label,
    ImpedanceSweep? Impedance = null, bool HoldAtPresentVoltage = false);
