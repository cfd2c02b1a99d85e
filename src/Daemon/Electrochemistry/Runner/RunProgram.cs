using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>
/// Where a run's segments come from. A parsed protocol (it has <see cref="CompiledProtocol.Definitions"/>) is run
/// by a <see cref="ProtocolCursor"/>, whatever its shape: loops with conditions, gotos, groups with limits and
/// emulated conditions included. A protocol built from device steps alone (no definitions, no program) is its
/// flat step list, run as one segment. Not thread-safe: the runner's record pump owns it.
/// </summary>
internal sealed class RunProgram
{
    private readonly CompiledProtocol? _protocol;
    private readonly ProtocolCursor? _cursor;
    private readonly ProtocolSegment? _flat;
    private bool _flatHandedOut;
    private int _flatStepsEnded;
    private int _decisionsSeen;

    private RunProgram(CompiledProtocol? protocol, ProtocolCursor? cursor, ProtocolSegment? flat)
    {
        _protocol = protocol;
        _cursor = cursor;
        _flat = flat;
    }

    /// <summary>The program of <paramref name="protocol"/> on a channel with <paramref name="capabilities"/>.</summary>
    public static RunProgram For(CompiledProtocol protocol, ChannelCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol.Definitions.Count > 0)
        {
            return new RunProgram(protocol, ProtocolCursor.Start(protocol, capabilities), null);
        }

        var steps = protocol.Steps.Select((s, i) => new SegmentStep(i, s.Step,
            [.. s.Step.Terminations.Select(t => new ActiveCondition(t, true, ConditionOrigin.Step, -1, t.ToString()))], s.SourceLine, s.Field));
        return new RunProgram(null, null, new ProtocolSegment(1, [.. steps]));
    }

    /// <summary>True when a cursor runs the protocol (the journal then carries its state).</summary>
    public bool HasCursor => _cursor is not null;

    /// <summary>Steps ended so far in the run: the run-wide index of the next step to start.</summary>
    public int StepsRun => _cursor?.State.StepsRun ?? _flatStepsEnded;

    /// <summary>Why the protocol ended: <c>completed</c>, or why a group with <c>on_limit: stop</c> ended it.</summary>
    public string FinishReason => _cursor is { } c && c.State.FinishReason.Length > 0 ? c.State.FinishReason : "completed";

    /// <summary>The circuit the protocol asks to fit to <paramref name="step"/>'s impedance sweep, null when it names none.</summary>
    public string? FitCircuitOf(SegmentStep step) =>
        _protocol is { } p && step.StepId < p.Definitions.Count ? p.Definitions[step.StepId].FitCircuit : null;

    /// <summary>The cursor's state as JSON (for the journal), null for a flat step list.</summary>
    public string? StateJson() => _cursor?.State.ToJson();

    /// <summary>The next segment to load and start, or null when the protocol has ended.</summary>
    public ProtocolSegment? NextSegment()
    {
        if (_cursor is not null)
        {
            return _cursor.NextSegment();
        }

        if (_flatHandedOut || _flat!.Steps.Count == 0)
        {
            return null;
        }

        _flatHandedOut = true;
        return _flat;
    }

    /// <summary>Reports how a step of the running segment ended (in order).</summary>
    public void StepEnded(StepEnd end)
    {
        if (_cursor is not null)
        {
            _cursor.StepEnded(end);
        }
        else
        {
            _flatStepsEnded++;
        }
    }

    /// <summary>The control decisions taken since the last call (loop ends, gotos, group limits, skipped steps).</summary>
    public IReadOnlyList<string> NewDecisions()
    {
        if (_cursor is null || _cursor.Decisions.Count == _decisionsSeen)
        {
            return [];
        }

        var all = _cursor.Decisions;
        var fresh = new List<string>(all.Count - _decisionsSeen);
        for (var i = _decisionsSeen; i < all.Count; i++)
        {
            fresh.Add(all[i]);
        }

        _decisionsSeen = all.Count;
        return fresh;
    }
}
