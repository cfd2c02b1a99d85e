using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Simulators.Potentiostat;

/// <summary>Settings of one simulated potentiostat channel; defaults resemble a lab cycler channel.</summary>
public sealed record SimulatedChannelOptions
{
    /// <summary>The channel's id. <value>ch1</value></summary>
    public string ChannelId { get; init; } = "ch1";

    /// <summary>Time between recorded samples, s. <value>1 s</value></summary>
    public double SamplePeriodS { get; init; } = 1.0;

    /// <summary>Longest physics step between termination checks, s (capped at the sample period). <value>1 s</value></summary>
    public double IntegrationStepS { get; init; } = 1.0;

    /// <summary>Voltage compliance of the channel, V. <value>-5..5 V</value></summary>
    public ValueRange VoltageRangeV { get; init; } = new(-5, 5);

    /// <summary>Largest current magnitude, A. <value>10 mA</value></summary>
    public double MaxAbsCurrentA { get; init; } = 10e-3;

    /// <summary>Current resolution of the finest range, A; readings are quantised to it. <value>1 nA</value></summary>
    public double CurrentResolutionA { get; init; } = 1e-9;

    /// <summary>Voltage resolution, V; readings are quantised to it. <value>1 µV</value></summary>
    public double VoltageResolutionV { get; init; } = 1e-6;

    /// <summary>Standard deviation of the voltage measurement noise, V. <value>50 µV</value></summary>
    public double VoltageNoiseV { get; init; } = 50e-6;

    /// <summary>Standard deviation of the current measurement noise, A. <value>1 nA</value></summary>
    public double CurrentNoiseA { get; init; } = 1e-9;

    /// <summary>Seed of the noise generator, so a simulation repeats exactly. <value>1</value></summary>
    public int NoiseSeed { get; init; } = 1;

    /// <summary>EIS frequency range, Hz; used when the cell can answer impedance. <value>10 µHz..1 MHz</value></summary>
    public ValueRange ImpedanceFrequencyRangeHz { get; init; } = new(1e-5, 1e6);

    /// <summary>Largest EIS voltage amplitude, V. <value>0.1 V</value></summary>
    public double MaxImpedanceAmplitudeV { get; init; } = 0.1;

    /// <summary>How long a command waits for the instrument's reply, s. <value>5 s</value></summary>
    public double CommandTimeoutS { get; init; } = 5;

    /// <summary>Faults to show at given times after start (fault injection from config). <value>none</value></summary>
    public IReadOnlyList<ScheduledChannelFault> Faults { get; init; } = [];

    /// <summary>
    /// Termination quantities the simulated instrument evaluates itself; null: all of them. A subset imitates
    /// instruments that cannot end a step on, say, dV/dt, so the daemon must emulate it. <value>all</value>
    /// </summary>
    public IReadOnlySet<TerminationQuantity>? DeviceTerminations { get; init; }

    /// <summary>The capabilities this channel declares; EIS only when the cell model can answer impedance.</summary>
    public ChannelCapabilities ToCapabilities(bool withImpedance)
    {
        var kinds = new HashSet<StepKind>
        {
            StepKind.Rest, StepKind.ConstantCurrent, StepKind.ConstantVoltage, StepKind.ConstantCurrentConstantVoltage, StepKind.ConstantPower,
        };
        if (withImpedance)
        {
            kinds.Add(StepKind.PotentiostaticImpedance);
            kinds.Add(StepKind.GalvanostaticImpedance);
        }

        return new ChannelCapabilities(
            VoltageRangeV,
            MaxAbsCurrentA,
            CurrentResolutionA,
            SamplePeriodS,
            kinds,
            new HashSet<TerminationQuantity>(DeviceTerminations ?? new HashSet<TerminationQuantity>(Enum.GetValues<TerminationQuantity>())),
            withImpedance ? ImpedanceFrequencyRangeHz : null,
            new HashSet<HoldPolicy>(Enum.GetValues<HoldPolicy>()));
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Name(ChannelId, nameof(ChannelId));
        OptionsCheck.Positive(SamplePeriodS, nameof(SamplePeriodS), "s");
        OptionsCheck.Positive(IntegrationStepS, nameof(IntegrationStepS), "s");
        OptionsCheck.Positive(MaxAbsCurrentA, nameof(MaxAbsCurrentA), "A");
        OptionsCheck.Positive(CommandTimeoutS, nameof(CommandTimeoutS), "s");
        OptionsCheck.Positive(CurrentResolutionA, nameof(CurrentResolutionA), "A");
        OptionsCheck.Positive(VoltageResolutionV, nameof(VoltageResolutionV), "V");
        OptionsCheck.Positive(MaxImpedanceAmplitudeV, nameof(MaxImpedanceAmplitudeV), "V");
        foreach (var f in Faults)
        {
            if (!(f.AfterS >= 0) || double.IsInfinity(f.AfterS))
            {
                throw new ArgumentOutOfRangeException(nameof(Faults), f.AfterS, FormattableString.Invariant($"{nameof(Faults)}: {f.Fault} at {f.AfterS} s must be at 0 s or later"));
            }
        }

        OptionsCheck.Interval(VoltageRangeV, nameof(VoltageRangeV), "V");
    }
}
