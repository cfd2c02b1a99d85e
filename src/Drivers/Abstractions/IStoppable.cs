namespace OperandoRig.Drivers.Abstractions;

/// <summary>A device whose motion or acquisition can be stopped at once.</summary>
public interface IStoppable
{
    /// <summary>Stops what the device is doing now; returns when the device reports it stopped.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
