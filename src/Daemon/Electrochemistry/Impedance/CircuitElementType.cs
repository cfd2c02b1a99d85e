namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>The element types a circuit string may use, with their symbols.</summary>
internal enum CircuitElementType
{
    /// <summary><c>R</c>: Z = R.</summary>
    Resistor,

    /// <summary><c>C</c>: Z = 1/(jωC).</summary>
    Capacitor,

    /// <summary><c>L</c>: Z = jωL.</summary>
    Inductor,

    /// <summary><c>CPE</c>: Z = 1/(Q·(jω)^α).</summary>
    ConstantPhase,

    /// <summary><c>W</c>: semi-infinite Warburg, Z = σ·(1 − j)/√ω.</summary>
    Warburg,

    /// <summary><c>Ws</c>: finite-length Warburg with a transmissive (short) boundary, Z = R·tanh√(jωτ)/√(jωτ).</summary>
    WarburgShort,

    /// <summary><c>Wo</c>: finite-length Warburg with a reflective (open) boundary, Z = R·coth√(jωτ)/√(jωτ).</summary>
    WarburgOpen,
}
