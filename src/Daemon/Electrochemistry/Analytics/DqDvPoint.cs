namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>One point of a differential-capacity curve.</summary>
/// <param name="VoltageV">Centre of the voltage bin, in volts.</param>
/// <param name="DqDvAhPerV">Charge passed in the bin divided by the bin width, in Ah/V (a magnitude, ≥ 0, for
/// both directions; plot the discharge branch negative if you prefer that convention).</param>
public readonly record struct DqDvPoint(double VoltageV, double DqDvAhPerV);
