namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>
/// One potentiostat channel connected to one cell. The daemon loads a list of steps (each with its
/// terminations, evaluated on the device where it can), starts it, and reads the records the channel
/// produces. Sign convention: positive current charges the cell.
/// </summary>
public interface IPotentiostatChannel
{
    /// <summary>The channel's id in the rig configuration, e.g. <c>ch1</c>.</summary>
    string ChannelId { get; }

    /// <summary>What the channel can do; a protocol is checked against this before it starts.</summary>
    ChannelCapabilities Capabilities { get; }

    /// <summary>What the channel is doing now.</summary>
    ChannelState State { get; }

    /// <summary>Loads a step list; fails with <see cref="Errors.CapabilityException"/> when a step exceeds the capabilities.</summary>
    Task LoadAsync(IReadOnlyList<ChannelStep> steps, CancellationToken cancellationToken);

    /// <summary>Starts the loaded step list from its first step.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Pauses the running step list; the cell is held according to <paramref name="hold"/>.</summary>
    Task PauseAsync(HoldPolicy hold, CancellationToken cancellationToken);

    /// <summary>Resumes a paused step list where it was paused.</summary>
    Task ResumeAsync(CancellationToken cancellationToken);

    /// <summary>Ends the step list and leaves the cell at open circuit.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The records the channel produces (samples, step transitions, impedance points, the end), in order.
    /// One reader at a time; the sequence ends after <see cref="ChannelFinished"/>.
    /// </summary>
    IAsyncEnumerable<ChannelRecord> ReadRecordsAsync(CancellationToken cancellationToken);
}
