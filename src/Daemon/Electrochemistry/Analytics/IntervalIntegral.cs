namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>
/// What flowed between two consecutive samples, split by the sign of the current. Capacities and energies are
/// magnitudes (≥ 0 for the usual positive voltages). The voltage spans say where on the voltage axis each part
/// flowed (linear between its end points), for differential capacity.
/// </summary>
internal readonly record struct IntervalIntegral(
    double ChargeAh,
    double DischargeAh,
    double ChargeWh,
    double DischargeWh,
    double ChargeFromV,
    double ChargeToV,
    double DischargeFromV,
    double DischargeToV);
