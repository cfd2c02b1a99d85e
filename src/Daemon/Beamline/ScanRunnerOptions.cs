namespace OperandoRig.Daemon.Beamline;

/// <summary>Settings of the scan runner.</summary>
public sealed record ScanRunnerOptions
{
    /// <summary>The stream points are stored in. <value>beamline/points</value></summary>
    public string PointStream { get; init; } = "beamline/points";

    /// <summary>How often a suspended scan reads its suspenders' signals. <value>1 s</value></summary>
    public TimeSpan SuspendPoll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>True to open the shutter when a scan starts. <value>true</value></summary>
    public bool OpenShutterAtStart { get; init; } = true;

    /// <summary>True to close the shutter when a scan ends (no dose between scans). <value>true</value></summary>
    public bool CloseShutterAtEnd { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming a setting out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(PointStream, nameof(PointStream));
        if (SuspendPoll < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(SuspendPoll), SuspendPoll, "SuspendPoll must be at least 1 ms");
        }
    }
}
