namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>The physical dimension of a parsed quantity.</summary>
public enum Dimension
{
    /// <summary>Volts.</summary>
    Voltage,
    /// <summary>Amperes (also from C-rates and current densities).</summary>
    Current,
    /// <summary>Seconds.</summary>
    Time,
    /// <summary>Ampere-hours.</summary>
    Charge,
    /// <summary>Hertz.</summary>
    Frequency,
    /// <summary>Watts.</summary>
    Power,
}

/// <summary>A value in SI units (V, A, s, Ah) with its dimension.</summary>
public readonly record struct Quantity(double Value, Dimension Dimension);
