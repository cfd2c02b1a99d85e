using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>Where an active step condition comes from.</summary>
public enum ConditionOrigin
{
    /// <summary>The step's own end condition: the protocol goes on with the next step.</summary>
    Step,
    /// <summary>A limit of an enclosing group: the group ends (or the protocol, with <c>on_limit: stop</c>).</summary>
    Group,
    /// <summary>
    /// A far time limit added when every condition of the step is emulated by the daemon, so the device
    /// still ends the step by itself if the daemon goes away.
    /// </summary>
    Backstop,
}

/// <summary>
/// One condition that ends a step of a segment, with its threshold resolved.
/// </summary>
/// <param name="Termination">The condition in SI.</param>
/// <param name="OnDevice">True when the device evaluates it (it is in <see cref="ChannelStep.Terminations"/>);
/// false when the daemon must watch samples for it and stop the channel (see <see cref="EmulatedConditionMonitor"/>).</param>
/// <param name="Origin">Whether it is the step's own condition, a group limit or a backstop.</param>
/// <param name="GroupId">For <see cref="ConditionOrigin.Group"/>: the group's id.</param>
/// <param name="Text">Readable form, e.g. <c>voltage &gt;= 4.25 V</c> or <c>group 'ccd' time &gt;= 24 h (3.2 h left)</c>.</param>
public sealed record ActiveCondition(Termination Termination, bool OnDevice, ConditionOrigin Origin, int GroupId, string Text);

/// <summary>
/// One step of a segment: the device step to load and all the conditions that end it.
/// </summary>
/// <param name="StepId">The step definition (<see cref="CompiledProtocol.Definitions"/>).</param>
/// <param name="Step">The device step (its terminations are the <see cref="ActiveCondition.OnDevice"/> conditions, in order).</param>
/// <param name="Conditions">Every condition that ends the step (group limits first).</param>
/// <param name="SourceLine">Line of the step in the protocol file.</param>
/// <param name="Field">Field path of the step.</param>
public sealed record SegmentStep(int StepId, ChannelStep Step, IReadOnlyList<ActiveCondition> Conditions, int SourceLine, string Field)
{
    /// <summary>The conditions the daemon must emulate for this step (empty when the device does all).</summary>
    public IReadOnlyList<ActiveCondition> Emulated => [.. Conditions.Where(c => !c.OnDevice)];
}

/// <summary>
/// A run of consecutive steps the device can execute by itself: load <see cref="ChannelSteps"/>, start, and
/// report each step's end to the cursor. Only the last step of a segment can have emulated conditions or
/// group limits, so when the daemon stops the channel on one the segment is over anyway.
/// </summary>
/// <param name="Number">1-based count of segments handed out by this cursor.</param>
/// <param name="Steps">The steps in order.</param>
public sealed record ProtocolSegment(int Number, IReadOnlyList<SegmentStep> Steps)
{
    /// <summary>The step list to load on the channel.</summary>
    public IReadOnlyList<ChannelStep> ChannelSteps => [.. Steps.Select(s => s.Step)];
}

/// <summary>
/// How a step of the current segment ended, as the runner saw it.
/// </summary>
/// <param name="SegmentIndex">0-based index of the step in the segment (the device's step index).</param>
/// <param name="DurationS">How long the step ran, s (the last sample's step time).</param>
/// <param name="StepChargeAh">Charge passed in the step, Ah, signed (positive charges).</param>
/// <param name="EndVoltageV">Voltage at the step's end, V.</param>
/// <param name="EndCurrentA">Current at the step's end, A.</param>
/// <param name="Reason">The device's reason (e.g. the <see cref="StepTransition.Reason"/> that started the next step); may be empty.</param>
/// <param name="FiredCondition">Index into <see cref="SegmentStep.Conditions"/> of the condition that ended the step, when the
/// runner knows it (an emulated condition it stopped the channel for); null: the cursor works it out from
/// <paramref name="Reason"/> and the end values.</param>
public sealed record StepEnd(
    int SegmentIndex,
    double DurationS,
    double StepChargeAh,
    double EndVoltageV,
    double EndCurrentA,
    string Reason,
    int? FiredCondition = null);
