using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// One step as the protocol defines it (once, however often loops run it), in SI units. The
/// <see cref="ProtocolCursor"/> turns it into a device <see cref="ChannelStep"/> each time it runs, resolving
/// computed thresholds and adding the limits of the groups it sits in.
/// </summary>
/// <param name="Id">0-based index in <see cref="CompiledProtocol.Definitions"/>.</param>
/// <param name="Kind">What the step does.</param>
/// <param name="CurrentA">Current set point, A (positive charges).</param>
/// <param name="VoltageV">Voltage set point, V.</param>
/// <param name="PowerW">Power set point of constant-power steps, W (positive charges).</param>
/// <param name="Until">The step's own end conditions.</param>
/// <param name="Label">Name for records and logs.</param>
/// <param name="Impedance">The sweep of an impedance step.</param>
/// <param name="HoldAtPresentVoltage">Hold the voltage the cell has at the step's start (EIS at open circuit).</param>
/// <param name="SourceLine">1-based line in the protocol file.</param>
/// <param name="Field">Field path, e.g. <c>steps[1].steps[0]</c>.</param>
/// <param name="GroupIds">The groups the step sits in, outermost first.</param>
public sealed record ProtocolStep(
    int Id,
    StepKind Kind,
    double CurrentA,
    double VoltageV,
    double PowerW,
    IReadOnlyList<StepCondition> Until,
    string Label,
    ImpedanceSweep? Impedance,
    bool HoldAtPresentVoltage,
    int SourceLine,
    string Field,
    IReadOnlyList<int> GroupIds)
{
    /// <summary>
    /// True when the step passes charge into the cell: positive current or power; CV and CCCV steps count as
    /// charging (their direction depends on the cell's voltage). Cycle-relative capacities use this direction.
    /// </summary>
    public bool Charges => Kind switch
    {
        StepKind.ConstantCurrent or StepKind.GalvanostaticImpedance => CurrentA >= 0,
        StepKind.ConstantPower => PowerW >= 0,
        _ => true,
    };

    /// <summary>For an impedance step: the equivalent circuit the daemon fits to its sweep (<c>circuit:</c>); null: the runner's default.</summary>
    public string? FitCircuit { get; init; }

    /// <summary>True when every end condition has a fixed threshold.</summary>
    public bool HasOnlyFixedConditions => Until.All(c => c.Kind == StepConditionKind.Fixed);

    /// <summary>The device step with <paramref name="terminations"/> and cycle number <paramref name="cycle"/>.</summary>
    public ChannelStep ToChannelStep(IReadOnlyList<Termination> terminations, int cycle) =>
        new(Kind, CurrentA, VoltageV, terminations, Label, cycle, Impedance, HoldAtPresentVoltage, PowerW);
}
