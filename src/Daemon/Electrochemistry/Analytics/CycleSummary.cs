namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>
/// Capacities, energies and derived figures of one cycle, emitted by <see cref="CycleAnalyzer"/>. Capacities and
/// energies are magnitudes; ratios with a zero denominator are NaN (e.g. the efficiency of a cycle with no charge).
/// </summary>
public sealed record CycleSummary
{
    /// <summary>The cycle number (1-based, from the protocol's loops).</summary>
    public required int Cycle { get; init; }

    /// <summary>
    /// True when a sample of a later cycle closed this cycle; false for a summary taken on demand of the cycle
    /// still in progress (the last cycle of a run, or a live snapshot), which may be partial.
    /// </summary>
    public required bool ClosedByNextCycle { get; init; }

    /// <summary>The convention <see cref="CoulombicEfficiency"/> and <see cref="EnergyEfficiency"/> follow.</summary>
    public required CycleConvention Convention { get; init; }

    /// <summary>Start: the last sample of the previous cycle, or the first sample seen (Unix seconds).</summary>
    public required double StartTimeUnixS { get; init; }

    /// <summary>Time of the last sample of this cycle (Unix seconds).</summary>
    public required double EndTimeUnixS { get; init; }

    /// <summary>End minus start, in seconds; durations of consecutive cycles add up to the run time.</summary>
    public double DurationS => EndTimeUnixS - StartTimeUnixS;

    /// <summary>Samples of this cycle that were integrated (non-finite samples are skipped).</summary>
    public required long SampleCount { get; init; }

    /// <summary>∫I·dt over the intervals with positive current, in ampere-hours.</summary>
    public required double ChargeCapacityAh { get; init; }

    /// <summary>|∫I·dt| over the intervals with negative current, in ampere-hours.</summary>
    public required double DischargeCapacityAh { get; init; }

    /// <summary>∫V·I·dt with positive current (energy into the cell), in watt-hours.</summary>
    public required double ChargeEnergyWh { get; init; }

    /// <summary>|∫V·I·dt| with negative current (energy out of the cell), in watt-hours.</summary>
    public required double DischargeEnergyWh { get; init; }

    /// <summary>
    /// Discharge / charge capacity for <see cref="CycleConvention.ChargeFirst"/>, charge / discharge for
    /// <see cref="CycleConvention.DischargeFirst"/> (a fraction, 0.9 = 90 %).
    /// </summary>
    public double CoulombicEfficiency => Convention == CycleConvention.ChargeFirst
        ? Ratio(DischargeCapacityAh, ChargeCapacityAh)
        : Ratio(ChargeCapacityAh, DischargeCapacityAh);

    /// <summary>Energy efficiency with the same convention as <see cref="CoulombicEfficiency"/> (a fraction).</summary>
    public double EnergyEfficiency => Convention == CycleConvention.ChargeFirst
        ? Ratio(DischargeEnergyWh, ChargeEnergyWh)
        : Ratio(ChargeEnergyWh, DischargeEnergyWh);

    /// <summary>Charge energy / charge capacity, in volts.</summary>
    public double MeanChargeVoltageV => Ratio(ChargeEnergyWh, ChargeCapacityAh);

    /// <summary>Discharge energy / discharge capacity, in volts.</summary>
    public double MeanDischargeVoltageV => Ratio(DischargeEnergyWh, DischargeCapacityAh);

    /// <summary>Mean charge voltage minus mean discharge voltage, in volts.</summary>
    public double VoltageHysteresisV => MeanChargeVoltageV - MeanDischargeVoltageV;

    /// <summary>The cycle whose discharge capacity <see cref="CapacityRetention"/> refers to: the first cycle analysed.</summary>
    public required int RetentionReferenceCycle { get; init; }

    /// <summary>Discharge capacity of the reference cycle, in ampere-hours.</summary>
    public required double RetentionReferenceDischargeCapacityAh { get; init; }

    /// <summary>Discharge capacity / discharge capacity of the reference cycle (a fraction, 1 for that cycle).</summary>
    public double CapacityRetention => Ratio(DischargeCapacityAh, RetentionReferenceDischargeCapacityAh);

    /// <summary>Active mass the specific capacities refer to, in kilograms, or null when not configured.</summary>
    public required double? ActiveMassKg { get; init; }

    /// <summary>Charge capacity per active mass in mAh/g (= Ah/kg), or null without an active mass.</summary>
    public double? SpecificChargeCapacityMilliampHoursPerGram => ChargeCapacityAh / ActiveMassKg;

    /// <summary>Discharge capacity per active mass in mAh/g (= Ah/kg), or null without an active mass.</summary>
    public double? SpecificDischargeCapacityMilliampHoursPerGram => DischargeCapacityAh / ActiveMassKg;

    /// <summary>Charge minus discharge capacity from the integration, in ampere-hours.</summary>
    public double NetChargeAh => ChargeCapacityAh - DischargeCapacityAh;

    /// <summary>
    /// The same net charge as the device reports it: the change of the samples' cumulative <c>ChargeAh</c> over the
    /// cycle. A difference to <see cref="NetChargeAh"/> beyond the sampling error points at lost samples.
    /// </summary>
    public required double ReportedNetChargeAh { get; init; }

    /// <summary>Charge capacity of all cycles analysed so far, this one included, in ampere-hours.</summary>
    public required double CumulativeChargeCapacityAh { get; init; }

    /// <summary>Discharge capacity of all cycles analysed so far, this one included, in ampere-hours.</summary>
    public required double CumulativeDischargeCapacityAh { get; init; }

    /// <summary>Charge energy of all cycles analysed so far, this one included, in watt-hours.</summary>
    public required double CumulativeChargeEnergyWh { get; init; }

    /// <summary>Discharge energy of all cycles analysed so far, this one included, in watt-hours.</summary>
    public required double CumulativeDischargeEnergyWh { get; init; }

    private static double Ratio(double numerator, double denominator) =>
        denominator != 0 ? numerator / denominator : double.NaN;
}
