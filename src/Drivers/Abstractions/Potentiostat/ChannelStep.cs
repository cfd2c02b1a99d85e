namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>
/// One step of a step list loaded into a channel. Set points are SI; a step ends when any of its
/// <see cref="Terminations"/> is met.
/// </summary>
/// <param name="Kind">What the step does.</param>
/// <param name="CurrentA">Current set point for CC steps (positive charges), in amperes.</param>
/// <param name="VoltageV">Voltage set point for CV steps (and the CV phase of CCCV), in volts.</param>
/// <param name="Terminations">Conditions that end the step; at least one for any step that could run forever.</param>
/// <param name="Label">A name for logs and records, e.g. <c>charge</c>.</param>
/// <param name="Cycle">The cycle number this step belongs to (1-based), carried into every sample.</param>
/// <param name="Impedance">The sweep of an impedance step (PEIS around <see cref="VoltageV"/>, or around the
/// present voltage when <see cref="HoldAtPresentVoltage"/>; GEIS around <see cref="CurrentA"/>); null otherwise.</param>
/// <param name="HoldAtPresentVoltage">For CV and PEIS steps: hold the voltage the cell has when the step starts
/// instead of <see cref="VoltageV"/> (e.g. EIS at open circuit).</param>
/// <param name="PowerW">Power set point of <see cref="StepKind.ConstantPower"/> steps, W: positive charges the cell
/// (power flows into it, as positive current does), negative discharges; 0 for other kinds.</param>
public sealed record ChannelStep(
    StepKind Kind,
    double CurrentA,
    double VoltageV,
    IReadOnlyList<Termination> Terminations,
    string Label,
    int Cycle,
    ImpedanceSweep? Impedance = null,
    bool HoldAtPresentVoltage = false,
    double PowerW = 0)
{
    /// <summary>A rest step that lasts <paramref name="durationS"/> seconds.</summary>
    public static ChannelStep Rest(double durationS, string label = "rest", int cycle = 1) =>
        new(StepKind.Rest, 0, 0, [Termination.AfterSeconds(durationS)], label, cycle);
}
