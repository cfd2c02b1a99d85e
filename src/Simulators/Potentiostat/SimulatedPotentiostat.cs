using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Simulators.Potentiostat;

/// <summary>A simulated multi-channel potentiostat: each channel drives its own cell model.</summary>
public sealed class SimulatedPotentiostat : IPotentiostat, IAsyncDisposable
{
    private readonly SimulatedChannel[] _channels;

    /// <summary>Creates the instrument from its channels.</summary>
    public SimulatedPotentiostat(string name, IEnumerable<SimulatedChannel> channels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(channels);
        Name = name;
        _channels = [.. channels];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<IPotentiostatChannel> Channels => _channels;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            await channel.DisposeAsync();
        }
    }
}
