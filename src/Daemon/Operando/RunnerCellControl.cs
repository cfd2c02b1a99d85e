using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Operando;

/// <summary>The daemon's <see cref="ICellControl"/>: a channel runner's pause (with a hold policy), resume and abort.</summary>
public sealed class RunnerCellControl(ChannelRunner runner) : ICellControl
{
    /// <inheritdoc />
    public string ChannelId => runner.ChannelId;

    /// <inheritdoc />
    public string RunId => runner.RunId;

    /// <inheritdoc />
    public bool IsActive => runner.State.IsActive() && runner.State is not (RunState.Stopping or RunState.Aborting);

    /// <inheritdoc />
    public Task Completion => runner.Completion;

    /// <inheritdoc />
    public Task PauseAsync(HoldPolicy hold, string reason, CancellationToken cancellationToken) => runner.PauseAsync(hold, reason, cancellationToken);

    /// <inheritdoc />
    public Task ResumeAsync(string reason, CancellationToken cancellationToken) => runner.ResumeAsync(reason, cancellationToken);

    /// <inheritdoc />
    public Task AbortAsync(string reason, CancellationToken cancellationToken) => runner.AbortAsync(reason, cancellationToken);
}
