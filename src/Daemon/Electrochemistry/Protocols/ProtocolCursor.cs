using System.Globalization;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Executes a <see cref="CompiledProtocol"/> step by step without touching a device: a pure, deterministic
/// interpreter of its loops, groups, labels and gotos. The runner asks for the next <see cref="ProtocolSegment"/>
/// (steps the channel can run by itself with device-side terminations), loads and starts it, tells the
/// cursor how each step ended, and asks again until <see cref="NextSegment"/> returns null:
/// <code>
/// var cursor = ProtocolCursor.Start(protocol, channel.Capabilities);   // or Restore(protocol, caps, journalledState)
/// while (cursor.NextSegment() is { } segment)
/// {
///     await channel.LoadAsync(segment.ChannelSteps, ct);
///     await channel.StartAsync(ct);
///     var tracker = new SegmentTracker(segment);
///     await foreach (var record in channel.ReadRecordsAsync(ct))
///     {
///         var seen = tracker.Observe(record);
///         if (seen.StopChannel) await channel.StopAsync(ct);          // an emulated condition was met
///         foreach (var end in seen.Ended) { cursor.StepEnded(end); journal(cursor.State.ToJson()); }
///         if (seen.Failure is { } why) { /* the channel faulted or was stopped: end the run */ }
///         if (record is ChannelFinished) break;
///     }
/// }
/// // cursor.State.FinishReason says why the protocol ended ("completed", or a group's on_limit: stop)
/// </code>
/// Loops with a count, plain step sequences and unconditional gotos are unrolled into one segment; a
/// conditional loop end or goto, a step with emulated conditions or group limits, and a step whose threshold
/// depends on earlier steps (cycle capacity, % of cycle N, a group's time left) end a segment, so the cursor
/// decides with the outcomes of all steps before. Group time limits and computed thresholds become device
/// terminations of the step (exact); conditions the device cannot evaluate are
/// <see cref="ActiveCondition.OnDevice">emulated</see> by the daemon within a sample period.
/// </summary>
public sealed class ProtocolCursor
{
    /// <summary>Time limit added to a step whose every condition is emulated, s (30 days): the device's own backstop.</summary>
    public const double BackstopS = 30 * 86400;

    private readonly CompiledProtocol _protocol;
    private readonly ChannelCapabilities _capabilities;
    private readonly int _maxSegmentSteps;
    private readonly CursorMachine _machine;
    private ProtocolSegment? _segment;
    private int _nextIndex;
    private int _segments;

    private ProtocolCursor(CompiledProtocol protocol, ChannelCapabilities capabilities, CursorState state, int maxSegmentSteps)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegmentSteps, 1);
        _protocol = protocol;
        _capabilities = capabilities;
        _maxSegmentSteps = maxSegmentSteps;
        _machine = new CursorMachine(protocol, state);
    }

    /// <summary>A cursor at the start of <paramref name="protocol"/> for a channel with <paramref name="capabilities"/>.</summary>
    /// <param name="protocol">The protocol (checked with <see cref="ProtocolChecker"/> before).</param>
    /// <param name="capabilities">The channel's capabilities: which conditions it evaluates itself.</param>
    /// <param name="maxSegmentSteps">Most steps per segment (the device's step-list size).</param>
    public static ProtocolCursor Start(CompiledProtocol protocol, ChannelCapabilities capabilities, int maxSegmentSteps = ProtocolParser.MaxSteps) =>
        new(protocol, capabilities, new CursorState(), maxSegmentSteps);

    /// <summary>A cursor continuing from <paramref name="state"/> (a journalled <see cref="State"/>): the next segment starts at the
    /// first step that had not ended.</summary>
    public static ProtocolCursor Restore(CompiledProtocol protocol, ChannelCapabilities capabilities, CursorState state,
        int maxSegmentSteps = ProtocolParser.MaxSteps) =>
        new(protocol, capabilities, state, maxSegmentSteps);

    /// <summary>The cursor's state as plain, serialisable data; journal it after every <see cref="StepEnded"/>.</summary>
    public CursorState State => _machine.ToState();

    /// <summary>True when the protocol has ended (see <see cref="CursorState.FinishReason"/>).</summary>
    public bool IsFinished => _machine.Finished;

    /// <summary>The present cycle number.</summary>
    public int Cycle => _machine.Cycle;

    /// <summary>Control decisions taken so far (loop ends, gotos taken, group limits, skipped steps), for the run's log.</summary>
    public IReadOnlyList<string> Decisions => _machine.Decisions;

    /// <summary>The segment handed out last, until all its steps have ended.</summary>
    public ProtocolSegment? CurrentSegment => _segment;

    /// <summary>
    /// Decides everything the ended steps allow and returns the next segment to load, or null when the protocol
    /// has ended. Call it again only after every step of the previous segment was reported with <see cref="StepEnded"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Steps of the previous segment have not been reported.</exception>
    public ProtocolSegment? NextSegment()
    {
        if (_segment is not null)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"segment {_segment.Number} still has {_segment.Steps.Count - _nextIndex} step(s) to report with StepEnded"));
        }

        _machine.Settle(planning: false);
        if (_machine.Finished)
        {
            return null;
        }

        var plan = _machine.Clone();
        var steps = new List<SegmentStep>();
        while (true)
        {
            var definition = plan.CurrentStep;
            var conditions = plan.Resolve(_capabilities);
            var device = conditions.Where(c => c.OnDevice).Select(c => c.Termination).ToList();
            steps.Add(new SegmentStep(definition.Id, definition.ToChannelStep(device, plan.Cycle), conditions, definition.SourceLine, definition.Field));
            var mustEnd = conditions.Any(c => !c.OnDevice || c.Origin == ConditionOrigin.Group) || steps.Count >= _maxSegmentSteps;
            if (mustEnd)
            {
                break;
            }

            plan.Pc++;
            if (!plan.Settle(planning: true) || plan.Finished || plan.NeedsExactState(plan.CurrentStep))
            {
                break;
            }
        }

        _segment = new ProtocolSegment(++_segments, steps);
        _nextIndex = 0;
        return _segment;
    }

    /// <summary>
    /// Reports how step <see cref="StepEnd.SegmentIndex"/> of the current segment ended; steps must be reported
    /// in order. Accounts time and charge (step, cycle), works out which condition ended the step (group
    /// limits move on past the group) and advances the program.
    /// </summary>
    /// <exception cref="InvalidOperationException">No segment is running, or the step is not the next one.</exception>
    public void StepEnded(StepEnd end)
    {
        ArgumentNullException.ThrowIfNull(end);
        if (_segment is null)
        {
            throw new InvalidOperationException("no segment is running; call NextSegment first");
        }

        if (end.SegmentIndex != _nextIndex)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"expected the end of segment step {_nextIndex}, got step {end.SegmentIndex}"));
        }

        var planned = _segment.Steps[_nextIndex];
        _machine.Settle(planning: false);
        if (_machine.Finished || _machine.CurrentStep.Id != planned.StepId)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"the program is not at step {planned.Field} (the cursor's state was changed under it)"));
        }

        var fired = FiredCondition.Find(planned, end);
        _machine.Apply(_protocol.Definitions[planned.StepId], end, fired is { } i ? planned.Conditions[i] : null, _protocol.Program);
        _nextIndex++;
        var divergent = fired is { } k && planned.Conditions[k].Origin == ConditionOrigin.Group;
        if (_nextIndex >= _segment.Steps.Count || divergent || _machine.Finished)
        {
            _segment = null;
        }
    }
}
