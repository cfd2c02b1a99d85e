namespace OperandoRig.Daemon.Beamline;

/// <summary>A scan was asked to start while another runs on the same beamline.</summary>
/// <param name="runningScanId">The scan that is running.</param>
public sealed class ScanBusyException(string runningScanId)
    : InvalidOperationException($"the beamline is busy with scan '{runningScanId}'; wait for it or cancel it")
{
    /// <summary>The scan that is running.</summary>
    public string RunningScanId { get; } = runningScanId;
}
