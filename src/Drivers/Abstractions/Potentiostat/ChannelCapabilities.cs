namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>What a channel declares it can do; protocols are checked against it before they start.</summary>
/// <param name="VoltageRangeV">Voltages the channel can apply and measure, V.</param>
/// <param name="MaxAbsCurrentA">Largest current magnitude, A.</param>
/// <param name="CurrentResolutionA">Smallest current step of the finest range, A.</param>
/// <param name="MinSamplePeriodS">Shortest sample period, s.</param>
/// <param name="StepKinds">Step kinds the channel runs.</param>
/// <param name="DeviceTerminations">Termination quantities the device evaluates itself (others the daemon emulates).</param>
/// <param name="ImpedanceFrequencyRangeHz">EIS frequency range, Hz; null when the channel has no EIS.</param>
/// <param name="HoldPolicies">Hold policies supported at pause; empty when the channel cannot pause.</param>
public sealed record ChannelCapabilities(
    ValueRange VoltageRangeV,
    double MaxAbsCurrentA,
    double CurrentResolutionA,
    double MinSamplePeriodS,
    IReadOnlySet<StepKind> StepKinds,
    IReadOnlySet<TerminationQuantity> DeviceTerminations,
    ValueRange? ImpedanceFrequencyRangeHz,
    IReadOnlySet<HoldPolicy> HoldPolicies);
