namespace OperandoRig.Daemon.Operando;

/// <summary>A trigger fired on a sample.</summary>
/// <param name="FiringId">Unique id: channel, trigger name and a running number.</param>
/// <param name="Trigger">The trigger.</param>
/// <param name="Reason">What was reached, in words.</param>
/// <param name="State">The cell's state at the sample that fired it.</param>
public sealed record TriggerFiring(string FiringId, Plans.TriggerSpec Trigger, string Reason, CellStateSnapshot State);
