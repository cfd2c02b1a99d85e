namespace OperandoRig.Daemon.Data.Export;

/// <summary>
/// Integrates I·dt (trapezoid rule) over consecutive samples of the same step, never across a step boundary,
/// keeping charge (I &gt; 0, into the cell) and discharge (I &lt; 0) apart; an interval whose current changes sign
/// is split at the interpolated zero crossing. Values are in ampere-hours, all non-negative.
/// </summary>
internal sealed class StepCapacityIntegrator
{
    private const double SecondsPerHour = 3600.0;
    private bool _hasPrevious;
    private long _stepCount;
    private int _previousStepIndex;
    private int _previousCycle;
    private double _previousTime;
    private double _previousCurrent;

    /// <summary>Charge into the cell since the start of the run.</summary>
    public double ChargingAh { get; private set; }

    /// <summary>Charge out of the cell since the start of the run (a magnitude).</summary>
    public double DischargingAh { get; private set; }

    /// <summary>Charge into the cell since the start of the current step.</summary>
    public double StepChargingAh { get; private set; }

    /// <summary>Charge out of the cell since the start of the current step (a magnitude).</summary>
    public double StepDischargingAh { get; private set; }

    /// <summary>Steps seen so far, counting 1, 2, 3 … (a new step starts when the step index or the cycle changes).</summary>
    public long StepCount => _stepCount;

    /// <summary>Takes the next sample (in time order) and updates the accumulators.</summary>
    public void Add(SampleRecord sample)
    {
        var newStep = !_hasPrevious || sample.StepIndex != _previousStepIndex || sample.Cycle != _previousCycle;
        if (newStep)
        {
            _stepCount++;
            StepChargingAh = 0;
            StepDischargingAh = 0;
        }
        else
        {
            var (charge, discharge) = Split(_previousCurrent, sample.CurrentA, sample.TimeUnixS - _previousTime);
            StepChargingAh += charge;
            StepDischargingAh += discharge;
            ChargingAh += charge;
            DischargingAh += discharge;
        }

        _hasPrevious = true;
        _previousStepIndex = sample.StepIndex;
        _previousCycle = sample.Cycle;
        _previousTime = sample.TimeUnixS;
        _previousCurrent = sample.CurrentA;
    }

    /// <summary>The charge and discharge (Ah, both ≥ 0) of a linear current from <paramref name="i0"/> to <paramref name="i1"/> over <paramref name="dtS"/>.</summary>
    internal static (double ChargeAh, double DischargeAh) Split(double i0, double i1, double dtS)
    {
        if (dtS <= 0)
        {
            return (0, 0);
        }

        if (i0 >= 0 && i1 >= 0)
        {
            return ((i0 + i1) / 2 * dtS / SecondsPerHour, 0);
        }

        if (i0 <= 0 && i1 <= 0)
        {
            return (0, -(i0 + i1) / 2 * dtS / SecondsPerHour);
        }

        // Opposite signs: the current crosses zero at fraction i0 / (i0 - i1) of the interval.
        var crossing = i0 / (i0 - i1) * dtS;
        var first = i0 / 2 * crossing / SecondsPerHour;
        var second = i1 / 2 * (dtS - crossing) / SecondsPerHour;
        return i0 > 0 ? (first, -second) : (second, -first);
    }
}
