namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>The half of a cycle selected by the sign of the current (positive current charges the cell).</summary>
public enum CycleDirection
{
    /// <summary>Intervals where the current is positive (charge flows into the cell).</summary>
    Charge,

    /// <summary>Intervals where the current is negative (charge flows out of the cell).</summary>
    Discharge,
}
