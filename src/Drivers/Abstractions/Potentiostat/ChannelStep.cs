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
public sealed record ChannelStep(
    StepKind Kind,
    double CurrentA,
    double VoltageV,
    IReadOnlyList<Termination> Terminations,
    string Label,
    int Cycle)
{
    /// <summary>A rest step that lasts <paramref name="durationS"/> seconds.</summary>
    public static ChannelStep Rest(double durationS, string label = "rest", int cycle = 1) =>
        new(StepKind.Rest, 0, 0, [Termination.AfterSeconds(durationS)], label, cycle);
}
