namespace OperandoRig.Daemon.Beamline;

/// <summary>The electrochemical state of a cell at a scan point's time (stored with the point).</summary>
/// <param name="ChannelId">The potentiostat channel of the cell.</param>
/// <param name="VoltageV">Cell voltage, V.</param>
/// <param name="CurrentA">Cell current, A.</param>
/// <param name="ChargeAh">Charge passed in the run, Ah.</param>
/// <param name="Soc">State of charge, 0..1.</param>
/// <param name="Cycle">Cycle number.</param>
/// <param name="StepIndex">Protocol step index.</param>
/// <param name="StepLabel">Protocol step label.</param>
public sealed record CellStateTag(string ChannelId, double VoltageV, double CurrentA, double ChargeAh, double Soc, int Cycle, int StepIndex, string StepLabel);

/// <summary>Tags scan points with the cell's state at their time (implemented by the operando layer).</summary>
public interface IScanPointTagger
{
    /// <summary>The cell state at <paramref name="pointTime"/> (the middle of the point's count), or null when unknown.</summary>
    ValueTask<CellStateTag?> TagAsync(DateTimeOffset pointTime, CancellationToken ct);
}
