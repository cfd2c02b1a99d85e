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

    /// <summary>Current resolution of the finest range, A. <value>1 nA</value></summary>
    public double CurrentResolutionA { get; init; } = 1e-9;

    /// <summary>Standard deviation of the voltage measurement noise, V. <value>50 µV</value></summary>
    public double VoltageNoiseV { get; init; } = 50e-6;

    /// <summary>Standard deviation of the current measurement noise, A. <value>1 nA</value></summary>
    public double CurrentNoiseA { get; init; } = 1e-9;

    /// <summary>Seed of the noise generator, so a simulation repeats exactly. <value>1</value></summary>
    public int NoiseSeed { get; init; } = 1;

    /// <summary>The capabilities this channel declares.</summary>
    public ChannelCapabilities ToCapabilities() => new(
        VoltageRangeV,
        MaxAbsCurrentA,
        CurrentResolutionA,
        SamplePeriodS,
        new HashSet<StepKind> { StepKind.Rest, StepKind.ConstantCurrent, StepKind.ConstantVoltage, StepKind.ConstantCurrentConstantVoltage },
        new HashSet<TerminationQuantity>(Enum.GetValues<TerminationQuantity>()),
        ImpedanceFrequencyRangeHz: null,
        new HashSet<HoldPolicy>(Enum.GetValues<HoldPolicy>()));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ChannelId))
        {
            throw new ArgumentException("ChannelId: must not be empty", nameof(ChannelId));
        }

        RequirePositive(SamplePeriodS, nameof(SamplePeriodS), "s");
        RequirePositive(IntegrationStepS, nameof(IntegrationStepS), "s");
        RequirePositive(MaxAbsCurrentA, nameof(MaxAbsCurrentA), "A");
        if (!(VoltageRangeV.Max > VoltageRangeV.Min))
        {
            throw new ArgumentOutOfRangeException(nameof(VoltageRangeV), VoltageRangeV,
                $"{nameof(VoltageRangeV)}: {VoltageRangeV} V must have its maximum above its minimum");
        }
    }

    private static void RequirePositive(double value, string name, string unit)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, FormattableString.Invariant($"{name}: {value} {unit} must be above 0 {unit}"));
        }
    }
}
