namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>The kinds of step a channel can run.</summary>
public enum StepKind
{
    /// <summary>Open circuit: no current; the voltage is measured.</summary>
    Rest,
    /// <summary>Constant current (galvanostatic).</summary>
    ConstantCurrent,
    /// <summary>Constant voltage (potentiostatic), current limited.</summary>
    ConstantVoltage,
    /// <summary>Constant current to a voltage, then constant voltage at that voltage, as one step.</summary>
    ConstantCurrentConstantVoltage,
    /// <summary>Potentiostatic impedance sweep around a DC voltage.</summary>
    PotentiostaticImpedance,
    /// <summary>Galvanostatic impedance sweep around a DC current.</summary>
    GalvanostaticImpedance,
    /// <summary>
    /// Constant power <see cref="ChannelStep.PowerW"/> (P = V·I): the channel sets the current to P/V as the
    /// voltage moves. Positive power charges the cell (power flows into it), negative discharges.
    /// </summary>
    ConstantPower,
}
