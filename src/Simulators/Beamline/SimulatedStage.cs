using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Drivers.Abstractions.Errors;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// A simulated sample stage: named <see cref="SimulatedMotorAxis"/> axes that move together, so a stage move takes as
/// long as its slowest axis. Every target is checked against its axis's limits before any axis moves.
/// </summary>
public sealed class SimulatedStage : IStage
{
    private readonly Dictionary<string, SimulatedMotorAxis> _axes;

    /// <summary>Creates the stage and its axes.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="clock">The clock every move waits on.</param>
    public SimulatedStage(SimulatedStageOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        Name = options.Name;
        _axes = options.Axes.ToDictionary(a => a.Name, a => new SimulatedMotorAxis(a, clock), StringComparer.Ordinal);
        Axes = _axes.ToDictionary(p => p.Key, p => (IMotorAxis)p.Value, StringComparer.Ordinal);
        Faults = new FaultInjector(options.Name, options.Faults, clock, hasAxis: true);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, IMotorAxis> Axes { get; }

    /// <summary>The fault the stage controller shows; inject or clear at run time (axes have their own).</summary>
    public FaultInjector Faults { get; }

    /// <summary>The simulated axis called <paramref name="name"/>, to reach its faults and physics.</summary>
    public SimulatedMotorAxis Axis(string name) => _axes[name];

    /// <summary>Where every axis physically is at <paramref name="time"/>, mm, by axis name.</summary>
    public IReadOnlyDictionary<string, double> PositionsMmAt(DateTimeOffset time) =>
        _axes.ToDictionary(p => p.Key, p => p.Value.PositionMmAt(time), StringComparer.Ordinal);

    /// <summary>Moves the named axes together and returns when all have settled.</summary>
    /// <exception cref="CapabilityException">An axis is unknown or a target is outside its limits (nothing moves).</exception>
    public async Task MoveToAsync(IReadOnlyDictionary<string, double> positionsMm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(positionsMm);
        await Faults.CheckRequestAsync("move", cancellationToken);
        foreach (var (name, target) in positionsMm)
        {
            if (!_axes.TryGetValue(name, out var axis))
            {
                throw new CapabilityException(Name, $"unknown axis '{name}'; the stage has {string.Join(", ", _axes.Keys)}");
            }

            axis.CheckLimits(target);
        }

        await Task.WhenAll(positionsMm.Select(p => _axes[p.Key].MoveAsync(p.Value, cancellationToken)));
    }

    /// <summary>Stops every axis where it is.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Faults.CheckRequestAsync("stop", cancellationToken);
        await Task.WhenAll(_axes.Values.Select(a => a.StopAsync(cancellationToken)));
    }
}
