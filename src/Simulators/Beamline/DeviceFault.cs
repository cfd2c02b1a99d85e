namespace OperandoRig.Simulators.Beamline;

/// <summary>A fault a simulated beamline device can be made to show, as a real device or its link would.</summary>
public enum DeviceFault
{
    /// <summary>The device behaves normally.</summary>
    None,

    /// <summary>The link is down: every request fails at once with a <c>DeviceNotConnectedException</c>.</summary>
    Disconnect,

    /// <summary>The device never answers: every request fails with a <c>DeviceTimeoutException</c> after the reply timeout.</summary>
    Timeout,

    /// <summary>The device answers with bytes that cannot be parsed: every request fails with a <c>DeviceFaultException</c>.</summary>
    GarbageReply,

    /// <summary>An axis (or a shutter blade) does not move: a move fails with a <c>DeviceFaultException</c> naming the
    /// axis, its position and the target once the reply timeout has passed without motion. Only for devices that move.</summary>
    StuckAxis,

    /// <summary>A reading comes back as NaN: reads fail with a <c>DeviceFaultException</c> naming the quantity (the
    /// simulator never hands a NaN to the caller).</summary>
    NaNReading,
}
