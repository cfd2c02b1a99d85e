namespace OperandoRig.Drivers.Abstractions;

/// <summary>A device with a set point it moves to, such as a motor axis or a monochromator.</summary>
/// <typeparam name="T">The set-point type, in SI or the unit named by the implementing contract.</typeparam>
public interface IMovable<T> : IDevice, IStoppable
{
    /// <summary>Moves to <paramref name="target"/> and returns when the move has finished (settled).</summary>
    Task MoveAsync(T target, CancellationToken cancellationToken);

    /// <summary>Reads the present position.</summary>
    Task<T> ReadAsync(CancellationToken cancellationToken);
}
