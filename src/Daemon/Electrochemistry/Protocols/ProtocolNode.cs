using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>One element of a protocol's program tree: a step, a loop, a group, a label or a goto.</summary>
/// <param name="SourceLine">1-based line in the protocol file.</param>
/// <param name="Field">Field path, e.g. <c>steps[2]</c>.</param>
public abstract record ProtocolNode(int SourceLine, string Field);

/// <summary>Runs one step.</summary>
/// <param name="Step">The step definition.</param>
public sealed record StepNode(ProtocolStep Step) : ProtocolNode(Step.SourceLine, Step.Field);

/// <summary>
/// Runs <see cref="Body"/> <see cref="Count"/> times, or until <see cref="StopWhen"/> holds after an iteration
/// (at most <see cref="MaxIterations"/> times). An iteration of a loop that contains no cycle-counting loop is
/// one cycle (<see cref="CountsCycles"/>); GITT loops are titrations, not cycles.
/// </summary>
public sealed record LoopNode(
    int LoopId,
    int? Count,
    ControlCondition? StopWhen,
    int MaxIterations,
    bool CountsCycles,
    string Kind,
    IReadOnlyList<ProtocolNode> Body,
    int SourceLine,
    string Field) : ProtocolNode(SourceLine, Field);

/// <summary>
/// Runs <see cref="Body"/> while none of the group's <see cref="Limits"/> is met. Voltage, current and dV/dt
/// limits join every step's terminations on the device; a <c>time</c> limit counts from the group's start
/// (each step gets the time left as a device time limit). When a limit ends a step, the rest of the group is
/// skipped, and with <see cref="StopProtocolOnLimit"/> the whole protocol ends.
/// </summary>
public sealed record GroupNode(
    int GroupId,
    string Label,
    IReadOnlyList<StepCondition> Limits,
    bool StopProtocolOnLimit,
    IReadOnlyList<ProtocolNode> Body,
    int SourceLine,
    string Field) : ProtocolNode(SourceLine, Field)
{
    /// <summary>The group's time limit, s, if it has one.</summary>
    public double? TimeLimitS => Limits
        .Where(l => l.Termination.Quantity == TerminationQuantity.StepTimeS)
        .Select(l => (double?)l.Termination.Threshold)
        .Min();
}

/// <summary>A place a goto can jump to.</summary>
public sealed record LabelNode(string Name, int SourceLine, string Field) : ProtocolNode(SourceLine, Field);

/// <summary>
/// Jumps to label <see cref="Target"/> (<c>end</c>: the end of the protocol) when <see cref="When"/> holds
/// (always when null), at most <see cref="MaxTimes"/> times; otherwise the protocol goes on below it.
/// </summary>
public sealed record GotoNode(int GotoId, string Target, ControlCondition? When, int? MaxTimes, int SourceLine, string Field)
    : ProtocolNode(SourceLine, Field);
