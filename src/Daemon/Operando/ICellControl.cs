using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Operando;

/// <summary>
/// What the operando engine needs of a channel's run: hold the cell by a policy and let it go on, abort it, and know
/// when the run has ended. The daemon's implementation is <c>ChannelRunner</c> (pause and resume with a hold policy).
/// </summary>
public interface ICellControl
{
    /// <summary>The channel.</summary>
    string ChannelId { get; }

    /// <summary>The present run's id.</summary>
    string RunId { get; }

    /// <summary>True while the run goes on (running or paused).</summary>
    bool IsActive { get; }

    /// <summary>Completes when the run has ended and its samples are stored.</summary>
    Task Completion { get; }

    /// <summary>Holds the cell by <paramref name="hold"/> (the protocol pauses where it is).</summary>
    Task PauseAsync(HoldPolicy hold, string reason, CancellationToken cancellationToken);

    /// <summary>Lets the protocol go on from where it was paused.</summary>
    Task ResumeAsync(string reason, CancellationToken cancellationToken);

    /// <summary>Ends the run as failed (the cell goes to open circuit).</summary>
    Task AbortAsync(string reason, CancellationToken cancellationToken);
}
