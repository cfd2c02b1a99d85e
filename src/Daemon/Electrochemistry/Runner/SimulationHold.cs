using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>
/// Holds virtual time while the runner awaits real work (store writes, the pipeline's flush) when it runs inside a
/// <see cref="SimulationLoop"/>; a no-op on a real clock. Without it the loop would jump ahead during the I/O.
/// </summary>
internal static class SimulationHold
{
    /// <summary>Dispose when the real await has returned.</summary>
    public static IDisposable? Begin() => SimulationLoop.Current?.BeginExternalWork();
}
