namespace OperandoRig.Simulators.Beamline;

/// <summary>A fault to inject into a simulated device from its options (tests can also inject at run time through
/// <see cref="FaultInjector"/>).</summary>
public sealed record FaultOptions
{
    /// <summary>The fault the device shows. <value>None</value></summary>
    public DeviceFault Fault { get; init; } = DeviceFault.None;

    /// <summary>Simulated time after the device is created at which <see cref="Fault"/> starts, s; e.g. 10800 makes a
    /// rehearsal lose the link three hours into the night. <value>0 s</value></summary>
    public double ActiveAfterS { get; init; }

    /// <summary>How long a request waits for a reply before it fails with a timeout, and how long a move may show no
    /// motion before a stuck axis is reported, s. <value>3 s</value></summary>
    public double ReplyTimeoutS { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    /// <param name="path">The options path used in messages, e.g. <c>mono.Faults</c>.</param>
    public void Validate(string path)
    {
        if (!Enum.IsDefined(Fault))
        {
            throw new ArgumentOutOfRangeException(nameof(Fault), Fault, $"{path}.{nameof(Fault)}: {Fault} is not a known fault");
        }

        OptionsCheck.NonNegative(ActiveAfterS, $"{path}.{nameof(ActiveAfterS)}", "s");
        OptionsCheck.Positive(ReplyTimeoutS, $"{path}.{nameof(ReplyTimeoutS)}", "s");
    }
}
