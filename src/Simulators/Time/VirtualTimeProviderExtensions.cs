namespace OperandoRig.Simulators.Time;

/// <summary>Shortcuts that run a simulation on a <see cref="SimulationLoop"/> driving a virtual clock.</summary>
public static class VirtualTimeProviderExtensions
{
    /// <summary>Runs <paramref name="simulation"/> on a new <see cref="SimulationLoop"/> on the calling thread,
    /// jumping the clock to the next due timer whenever the simulation is idle. See <see cref="SimulationLoop"/>.</summary>
    /// <param name="clock">The virtual clock to drive.</param>
    /// <param name="simulation">The root of the simulation.</param>
    /// <param name="cancellationToken">Handed to the simulation.</param>
    public static void Run(
        this VirtualTimeProvider clock, Func<CancellationToken, Task> simulation, CancellationToken cancellationToken = default)
        => new SimulationLoop(clock).Run(simulation, cancellationToken);

    /// <summary>Runs <paramref name="simulation"/> on a new <see cref="SimulationLoop"/> on a dedicated thread.</summary>
    /// <param name="clock">The virtual clock to drive.</param>
    /// <param name="simulation">The root of the simulation.</param>
    /// <param name="cancellationToken">Handed to the simulation.</param>
    /// <returns>A task that completes like the simulation.</returns>
    public static Task RunAsync(
        this VirtualTimeProvider clock, Func<CancellationToken, Task> simulation, CancellationToken cancellationToken)
        => new SimulationLoop(clock).RunAsync(simulation, cancellationToken);
}
