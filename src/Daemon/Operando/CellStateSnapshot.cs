namespace OperandoRig.Daemon.Operando;

/// <summary>
/// The electrochemical state of one cell at one instant on the daemon clock: measured (a sample) or interpolated
/// between the samples around the instant.
/// </summary>
/// <param name="ChannelId">The potentiostat channel.</param>
/// <param name="RunId">The channel's run.</param>
/// <param name="TimeUnixS">The instant, Unix seconds on the daemon clock.</param>
/// <param name="VoltageV">Terminal voltage, V.</param>
/// <param name="CurrentA">Current, A (positive charges).</param>
/// <param name="ChargeAh">Charge passed since the run started, Ah (signed).</param>
/// <param name="Soc">State of charge, fraction (see <see cref="SocReference"/>).</param>
/// <param name="Cycle">Cycle number, 1-based.</param>
/// <param name="StepIndex">Step index in the protocol, 0-based.</param>
/// <param name="StepLabel">The step's label.</param>
public sealed record CellStateSnapshot(
    string ChannelId,
    string RunId,
    double TimeUnixS,
    double VoltageV,
    double CurrentA,
    double ChargeAh,
    double Soc,
    int Cycle,
    int StepIndex,
    string StepLabel);
