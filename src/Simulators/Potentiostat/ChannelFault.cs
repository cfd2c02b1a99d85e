namespace OperandoRig.Simulators.Potentiostat;

/// <summary>Faults a simulated channel can be made to show, each the way a real instrument shows it.</summary>
public enum ChannelFault
{
    /// <summary>The host link drops: commands fail with DeviceNotConnectedException, the record stream ends with it, the cell goes to open circuit.</summary>
    Disconnect,
    /// <summary>The instrument stops answering: commands fail with DeviceTimeoutException after the command timeout; no records arrive.</summary>
    Timeout,
    /// <summary>The next command gets a garbled reply: DeviceFaultException naming the command and the bytes.</summary>
    GarbageReply,
    /// <summary>The channel hits its compliance: the run ends Faulted with a compliance reason, the cell at open circuit.</summary>
    ComplianceHit,
    /// <summary>The next sample's voltage reads NaN (an ADC glitch); the run goes on.</summary>
    NaNReading,
    /// <summary>
    /// The climate chamber's control fails: the temperature the channel's sensor reads rises first-order towards
    /// <see cref="FaultState.OverheatRiseK"/> above the cell's temperature with time constant
    /// <see cref="FaultState.OverheatTimeConstantS"/>. Only the reading changes (the cell model's kinetics stay at
    /// its set temperature): what it tests is that the daemon's temperature limit stops the cell.
    /// </summary>
    Overheat,
}

/// <summary>A fault that starts <paramref name="AfterS"/> seconds after the step list starts.</summary>
public sealed record ScheduledChannelFault(double AfterS, ChannelFault Fault);
