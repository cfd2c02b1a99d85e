namespace OperandoRig.Simulators.Cell;

/// <summary>
/// A physics model of one electrochemical cell, advanced in time by the simulated potentiostat.
/// Sign convention: positive current charges the cell. All quantities are SI with the unit in the name.
/// </summary>
public interface ICellModel
{
    /// <summary>Capacity the C-rate refers to, in ampere-hours.</summary>
    double NominalCapacityAh { get; }

    /// <summary>State of charge of the accessible material, 0 (discharged) .. 1 (charged).</summary>
    double StateOfCharge { get; }

    /// <summary>Open-circuit (equilibrium) voltage at the present state, in volts.</summary>
    double OpenCircuitVoltageV { get; }

    /// <summary>Terminal voltage under the current last applied, in volts.</summary>
    double TerminalVoltageV { get; }

    /// <summary>Cell temperature, in kelvin.</summary>
    double TemperatureK { get; }

    /// <summary>
    /// Advances the model by <paramref name="durationS"/> seconds under a constant current and returns the
    /// terminal voltage at the end of the interval.
    /// </summary>
    double AdvanceWithCurrent(double currentA, double durationS);

    /// <summary>
    /// Advances the model by <paramref name="durationS"/> seconds while the terminal voltage is held at
    /// <paramref name="voltageV"/> and returns the current that flowed at the end of the interval.
    /// </summary>
    double AdvanceWithVoltage(double voltageV, double durationS);
}
