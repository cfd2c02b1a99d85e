namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>How a paused channel holds its cell.</summary>
public enum HoldPolicy
{
    /// <summary>Disconnect the cell (zero current) and let it relax; the voltage is measured.</summary>
    OpenCircuit,
    /// <summary>Hold the cell at the voltage it had when paused.</summary>
    HoldVoltage,
    /// <summary>Keep the present current flowing (limits still apply).</summary>
    KeepCurrent,
}
