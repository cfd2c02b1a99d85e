namespace OperandoRig.Daemon.Data.Export;

/// <summary>
/// The Battery Data Format (Battery Data Alliance, LF Energy) preferred labels this export writes, in column order:
/// "Quantity / Unit" with BDF's fixed SI units.
/// </summary>
public static class BatteryDataFormatColumns
{
    /// <summary>Seconds since the run started (BDF required).</summary>
    public const string TestTime = "Test Time / s";

    /// <summary>Unix time of the sample in seconds (BDF recommended).</summary>
    public const string UnixTime = "Unix Time / s";

    /// <summary>Cell voltage (BDF required).</summary>
    public const string Voltage = "Voltage / V";

    /// <summary>Cell current, positive charges the cell (BDF required).</summary>
    public const string Current = "Current / A";

    /// <summary>The protocol's cycle number (BDF recommended).</summary>
    public const string CycleCount = "Cycle Count / 1";

    /// <summary>Steps run so far, 1, 2, 3 … increasing through the file (BDF recommended).</summary>
    public const string StepCount = "Step Count / 1";

    /// <summary>The protocol's step index, repeats across cycles (BDF optional).</summary>
    public const string StepIndex = "Step Index / 1";

    /// <summary>Seconds since the step started.</summary>
    public const string StepTime = "Step Time / s";

    /// <summary>Charge into the cell since the run started, non-decreasing (BDF optional).</summary>
    public const string ChargingCapacity = "Charging Capacity / Ah";

    /// <summary>Charge out of the cell since the run started, a non-decreasing magnitude (BDF optional).</summary>
    public const string DischargingCapacity = "Discharging Capacity / Ah";

    /// <summary>Charge moved (in plus out) since the current step started.</summary>
    public const string StepCapacity = "Step Capacity / Ah";

    /// <summary>Charging minus discharging capacity since the run started.</summary>
    public const string NetCapacity = "Net Capacity / Ah";

    /// <summary>The cell temperature from the channel's sensor (empty where the channel has none).</summary>
    public const string TemperatureT1 = "Temperature T1 / degC";

    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TestTime, UnixTime, Voltage, Current, CycleCount, StepCount, StepIndex, StepTime,
        ChargingCapacity, DischargingCapacity, StepCapacity, NetCapacity, TemperatureT1,
    ];
}
