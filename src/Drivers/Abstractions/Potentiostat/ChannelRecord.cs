namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>Something a channel reports, stamped on the daemon clock.</summary>
/// <param name="Timestamp">When it was measured, on the daemon's <see cref="TimeProvider"/>.</param>
public abstract record ChannelRecord(DateTimeOffset Timestamp);

/// <summary>One measured sample.</summary>
/// <param name="Timestamp">When it was measured.</param>
/// <param name="VoltageV">Terminal voltage, V.</param>
/// <param name="CurrentA">Current, A (positive charges).</param>
/// <param name="StepIndex">Index of the step in the loaded list (0-based).</param>
/// <param name="StepTimeS">Time since the step started, s.</param>
/// <param name="StepChargeAh">Charge passed in the step, Ah (signed).</param>
/// <param name="TotalChargeAh">Charge passed since start, Ah (signed).</param>
/// <param name="Cycle">Cycle number of the step, 1-based.</param>
/// <param name="TemperatureC">Cell temperature from the channel's sensor, °C; NaN when the channel has none.</param>
public sealed record ChannelSample(
    DateTimeOffset Timestamp,
    double VoltageV,
    double CurrentA,
    int StepIndex,
    double StepTimeS,
    double StepChargeAh,
    double TotalChargeAh,
    int Cycle,
    double TemperatureC = double.NaN) : ChannelRecord(Timestamp);

/// <summary>A step started (<see cref="StepIndex"/>) after the previous one ended for <see cref="Reason"/>.</summary>
public sealed record StepTransition(DateTimeOffset Timestamp, int StepIndex, string Reason) : ChannelRecord(Timestamp);

/// <summary>One point of an impedance sweep.</summary>
public sealed record ImpedancePoint(
    DateTimeOffset Timestamp,
    int StepIndex,
    double FrequencyHz,
    double RealOhm,
    double ImaginaryOhm) : ChannelRecord(Timestamp);

/// <summary>The step list ended: it completed, was stopped, or the channel faulted (<see cref="Reason"/> says which).</summary>
public sealed record ChannelFinished(DateTimeOffset Timestamp, ChannelState FinalState, string Reason) : ChannelRecord(Timestamp);
