namespace OperandoRig.Simulators.Beamline;

/// <summary>Settings of a simulated beam shutter.</summary>
public sealed record SimulatedShutterOptions
{
    /// <summary>Device name. <value>shutter</value></summary>
    public string Name { get; init; } = "shutter";

    /// <summary>Time the blade takes to open or close; the new state holds from the end of the move, s. <value>0.5 s</value></summary>
    public double MoveTimeS { get; init; } = 0.5;

    /// <summary>True when the shutter is interlocked to the ring: it closes at a beam dump and refuses to open while
    /// no beam is delivered (as a front-end or photon shutter does). <value>true</value></summary>
    public bool CloseOnBeamDump { get; init; } = true;

    /// <summary>True to start open. <value>false</value></summary>
    public bool InitiallyOpen { get; init; }

    /// <summary>Injected fault; <see cref="DeviceFault.StuckAxis"/> is a blade that does not move. <value>none</value></summary>
    public FaultOptions Faults { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Name(Name, nameof(Name));
        OptionsCheck.NonNegative(MoveTimeS, $"{Name}.{nameof(MoveTimeS)}", "s");
        Faults.Validate($"{Name}.{nameof(Faults)}");
    }
}
