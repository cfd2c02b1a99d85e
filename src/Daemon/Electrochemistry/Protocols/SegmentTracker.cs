using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>What one record of a running segment means for the runner.</summary>
/// <param name="Ended">Steps that ended with this record (report each to <see cref="ProtocolCursor.StepEnded"/>, in order).</param>
/// <param name="StopChannel">True when an emulated condition was met: stop the channel now; the step's end follows
/// with the channel's final record.</param>
/// <param name="Failure">Set when the segment ended without completing (the channel faulted or was stopped by
/// someone else): the run cannot go on with the protocol.</param>
/// <param name="MetCondition">The text of the emulated condition met, when <paramref name="StopChannel"/>.</param>
public sealed record SegmentObservation(IReadOnlyList<StepEnd> Ended, bool StopChannel, string? Failure, string? MetCondition)
{
    /// <summary>Nothing happened.</summary>
    public static SegmentObservation None { get; } = new([], false, null, null);
}

/// <summary>
/// Turns the records of one running <see cref="ProtocolSegment"/> into step ends for the <see cref="ProtocolCursor"/>
/// and watches the emulated conditions of the running step. Pure: no device calls; the runner acts on what
/// <see cref="Observe"/> returns.
/// </summary>
public sealed class SegmentTracker
{
    private readonly ProtocolSegment _segment;
    private int _index;
    private ChannelSample? _last;
    private EmulatedConditionMonitor _monitor;
    private int? _emulatedFired;

    /// <summary>Tracks <paramref name="segment"/>, which the runner has just loaded and started.</summary>
    public SegmentTracker(ProtocolSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        _segment = segment;
        _monitor = new EmulatedConditionMonitor(segment.Steps[0].Conditions);
    }

    /// <summary>The segment step running now (0-based).</summary>
    public int StepIndex => _index;

    /// <summary>The running step's definition label, for records.</summary>
    public SegmentStep CurrentStep => _segment.Steps[Math.Min(_index, _segment.Steps.Count - 1)];

    /// <summary>Takes the channel's next record.</summary>
    public SegmentObservation Observe(ChannelRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        switch (record)
        {
            case ChannelSample s:
                _last = s;
                if (_emulatedFired is null && s.StepIndex == _index && _monitor.IsActive && _monitor.Check(s) is { } i)
                {
                    _emulatedFired = i;
                    return new SegmentObservation([], true, null, _segment.Steps[_index].Conditions[i].Text);
                }

                return SegmentObservation.None;
            case StepTransition t:
                {
                    var ended = new List<StepEnd>();
                    while (_index < t.StepIndex && _index < _segment.Steps.Count)
                    {
                        ended.Add(End(_index == t.StepIndex - 1 ? t.Reason : "", null));
                        _index++;
                        _last = null;
                    }

                    _monitor = new EmulatedConditionMonitor(_segment.Steps[Math.Min(_index, _segment.Steps.Count - 1)].Conditions);
                    _emulatedFired = null;
                    return new SegmentObservation(ended, false, null, null);
                }

            case ChannelFinished f:
                if (f.FinalState == ChannelState.Faulted)
                {
                    return new SegmentObservation([], false, $"the channel faulted: {f.Reason}", null);
                }

                if (f.Reason == "completed" || _emulatedFired is not null)
                {
                    var end = End(f.Reason == "completed" ? "" : f.Reason, _emulatedFired);
                    _index = _segment.Steps.Count;
                    return new SegmentObservation([end], false, null, null);
                }

                return new SegmentObservation([], false, $"the channel ended the segment: {f.Reason}", null);
            default:
                return SegmentObservation.None;
        }
    }

    private StepEnd End(string reason, int? fired) => _last is { } s
        ? new StepEnd(_index, s.StepTimeS, s.StepChargeAh, s.VoltageV, s.CurrentA, reason, fired)
        : new StepEnd(_index, 0, 0, double.NaN, 0, reason, fired);
}
