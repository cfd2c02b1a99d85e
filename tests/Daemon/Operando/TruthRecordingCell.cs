using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Operando;

/// <summary>
/// Passes every call to the cell model and records the simulator's truth: the exact charge passed after each
/// integration interval, against the time elapsed since the channel started (the sum of the intervals). Only the
/// current-driven calls are exact (CC steps, rests, open-circuit holds), which is all an operando XANES protocol uses.
/// </summary>
internal sealed class TruthRecordingCell(ICellModel inner) : ICellModel
{
    private readonly List<(double ElapsedS, double ChargeAh)> _points = [(0, 0)];
    private double _elapsedS;
    private double _chargeAh;

    public double NominalCapacityAh => inner.NominalCapacityAh;

    public double StateOfCharge => inner.StateOfCharge;

    public double OpenCircuitVoltageV => inner.OpenCircuitVoltageV;

    public double TerminalVoltageV => inner.TerminalVoltageV;

    public double TemperatureK => inner.TemperatureK;

    public bool UsedVoltageControl { get; private set; }

    public double AdvanceWithCurrent(double currentA, double durationS)
    {
        var v = inner.AdvanceWithCurrent(currentA, durationS);
        Record(currentA, durationS);
        return v;
    }

    public double AdvanceWithVoltage(double voltageV, double durationS)
    {
        UsedVoltageControl = true;
        var i = inner.AdvanceWithVoltage(voltageV, durationS);
        Record(i, durationS);
        return i;
    }

    /// <summary>The exact charge passed <paramref name="elapsedS"/> after the channel started (linear within an interval: constant current).</summary>
    public double ChargeAtAh(double elapsedS)
    {
        lock (_points)
        {
            var hi = _points.FindIndex(p => p.ElapsedS >= elapsedS);
            if (hi <= 0)
            {
                return hi == 0 ? _points[0].ChargeAh : _points[^1].ChargeAh;
            }

            var (t0, q0) = _points[hi - 1];
            var (t1, q1) = _points[hi];
            return q0 + ((q1 - q0) * (elapsedS - t0) / (t1 - t0));
        }
    }

    private void Record(double currentA, double durationS)
    {
        lock (_points)
        {
            _elapsedS += durationS;
            _chargeAh += currentA * durationS / 3600;
            _points.Add((_elapsedS, _chargeAh));
        }
    }
}
