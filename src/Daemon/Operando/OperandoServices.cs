using OperandoRig.Daemon.Operando.Beam;
using OperandoRig.Daemon.Operando.Sync;

namespace OperandoRig.Daemon.Operando;

/// <summary>What the cells of one operando experiment share: the clock, the beam, the scan executor, sync points and the event record.</summary>
/// <param name="Time">The daemon clock.</param>
/// <param name="Arbiter">The one beam.</param>
/// <param name="Scans">Runs scans.</param>
/// <param name="Sync">Sync points for external scripts.</param>
/// <param name="Events">Where decisions are recorded.</param>
public sealed record OperandoServices(TimeProvider Time, BeamTimeArbiter Arbiter, IOperandoScanExecutor Scans, SyncPointHub Sync, IOperandoEventSink Events);
