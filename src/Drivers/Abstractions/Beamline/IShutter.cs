namespace OperandoRig.Drivers.Abstractions.Beamline;

/// <summary>A beam shutter.</summary>
public interface IShutter : IDevice
{
    /// <summary>Opens the shutter and returns when it reports open.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Closes the shutter and returns when it reports closed.</summary>
    Task CloseAsync(CancellationToken cancellationToken);

    /// <summary>Reads whether the shutter is open.</summary>
    Task<bool> IsOpenAsync(CancellationToken cancellationToken);
}
