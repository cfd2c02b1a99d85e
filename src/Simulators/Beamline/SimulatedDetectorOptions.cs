namespace OperandoRig.Simulators.Beamline;

/// <summary>Settings of a simulated counter set: an I₀ ion chamber before the sample, an I_t detector after it and a
/// fluorescence detector beside it.</summary>
public sealed record SimulatedDetectorOptions
{
    /// <summary>Device name. <value>det</value></summary>
    public string Name { get; init; } = "det";

    /// <summary>Fraction of the incident photons the I₀ chamber absorbs and counts. <value>0.1</value></summary>
    public double I0Efficiency { get; init; } = 0.1;

    /// <summary>Fraction of the transmitted photons the I_t detector counts. <value>0.8</value></summary>
    public double TransmissionEfficiency { get; init; } = 0.8;

    /// <summary>Solid-angle fraction times efficiency of the fluorescence detector. <value>0.01</value></summary>
    public double FluorescenceEfficiency { get; init; } = 0.01;

    /// <summary>Dark count rate of each channel with no beam, counts/s. <value>10 /s</value></summary>
    public double DarkCountRateHz { get; init; } = 10;

    /// <summary>Read-out time after each count (dead time), s. <value>0.005 s</value></summary>
    public double ReadoutS { get; init; } = 0.005;

    /// <summary>Seed of the counting statistics, so a simulation repeats exactly. <value>1</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Injected fault. <value>none</value></summary>
    public FaultOptions Faults { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Name(Name, nameof(Name));
        OptionsCheck.Fraction(I0Efficiency, $"{Name}.{nameof(I0Efficiency)}");
        OptionsCheck.Fraction(TransmissionEfficiency, $"{Name}.{nameof(TransmissionEfficiency)}");
        OptionsCheck.Fraction(FluorescenceEfficiency, $"{Name}.{nameof(FluorescenceEfficiency)}");
        OptionsCheck.NonNegative(DarkCountRateHz, $"{Name}.{nameof(DarkCountRateHz)}", "/s");
        OptionsCheck.NonNegative(ReadoutS, $"{Name}.{nameof(ReadoutS)}", "s");
        Faults.Validate($"{Name}.{nameof(Faults)}");
    }
}
