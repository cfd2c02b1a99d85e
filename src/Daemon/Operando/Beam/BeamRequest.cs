namespace OperandoRig.Daemon.Operando.Beam;

/// <summary>A cell asks for the beam to run the scans of one trigger firing.</summary>
/// <param name="RequestId">Unique id (the trigger firing's id).</param>
/// <param name="ChannelId">The cell's channel.</param>
/// <param name="RunId">The channel's run.</param>
/// <param name="Priority">Higher is served first under <see cref="BeamOrder.Priority"/>.</param>
/// <param name="Reason">Why (the trigger), for the record.</param>
public sealed record BeamRequest(string RequestId, string ChannelId, string RunId, int Priority, string Reason);
