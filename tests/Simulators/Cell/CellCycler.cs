using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Tests.Cell;

/// <summary>Charge, energy and time of one half-cycle (charge or discharge step).</summary>
internal readonly record struct HalfCycle(double ChargeAh, double EnergyWh, double DurationS)
{
    public double MeanVoltageV => ChargeAh > 0 ? EnergyWh / ChargeAh : double.NaN;
}

/// <summary>One cycle: charge then discharge, or discharge then charge for cells assembled charged.</summary>
internal readonly record struct CycleResult(HalfCycle Charge, HalfCycle Discharge)
{
    public double CoulombicEfficiency => Discharge.ChargeAh / Charge.ChargeAh;
}

/// <summary>
/// A test-side galvanostatic cycler driving the model directly with a fixed time step: CC to a cut-off, optional CV
/// hold until the current falls below a limit, rest. Stands in for the simulated potentiostat in cell tests.
/// </summary>
internal sealed class CellCycler(LumpedCellModel cell, double timeStepS)
{
    public LumpedCellModel Cell { get; } = cell;

    public double TimeStepS { get; } = timeStepS;

    public double CurrentForRate(double cRate) => cRate * Cell.NominalCapacityAh;

    /// <summary>CC charge at <paramref name="cRate"/> to <paramref name="upperV"/>, then optionally CV until the current falls below cvEndCRate.</summary>
    public HalfCycle Charge(double cRate, double upperV, double cvEndCRate = 0, double maxHours = 200)
    {
        var i = CurrentForRate(cRate);
        double q = 0, e = 0, t = 0;
        while (t < maxHours * 3600)
        {
            var v = Cell.AdvanceWithCurrent(i, TimeStepS);
            q += i * TimeStepS / 3600;
            e += i * v * TimeStepS / 3600;
            t += TimeStepS;
            if (v >= upperV)
            {
                break;
            }
        }

        if (cvEndCRate > 0)
        {
            var end = CurrentForRate(cvEndCRate);
            while (t < maxHours * 3600)
            {
                var ic = Cell.AdvanceWithVoltage(upperV, TimeStepS);
                q += ic * TimeStepS / 3600;
                e += ic * upperV * TimeStepS / 3600;
                t += TimeStepS;
                if (ic <= end)
                {
                    break;
                }
            }
        }

        return new HalfCycle(q, e, t);
    }

    /// <summary>CC discharge at <paramref name="cRate"/> to <paramref name="lowerV"/>.</summary>
    public HalfCycle Discharge(double cRate, double lowerV, double maxHours = 200)
    {
        var i = CurrentForRate(cRate);
        double q = 0, e = 0, t = 0;
        while (t < maxHours * 3600)
        {
            var v = Cell.AdvanceWithCurrent(-i, TimeStepS);
            q += i * TimeStepS / 3600;
            e += i * v * TimeStepS / 3600;
            t += TimeStepS;
            if (v <= lowerV)
            {
                break;
            }
        }

        return new HalfCycle(q, e, t);
    }

    /// <summary>Open circuit for <paramref name="durationS"/>.</summary>
    public void Rest(double durationS)
    {
        for (double t = 0; t < durationS; t += TimeStepS)
        {
            Cell.AdvanceWithCurrent(0, TimeStepS);
        }
    }

    /// <summary>Charge then discharge.</summary>
    public CycleResult ChargeFirst(double cRate, double lowerV, double upperV, double cvEndCRate = 0)
    {
        var c = Charge(cRate, upperV, cvEndCRate);
        var d = Discharge(cRate, lowerV);
        return new CycleResult(c, d);
    }

    /// <summary>Discharge then charge (cells assembled in the charged state).</summary>
    public CycleResult DischargeFirst(double cRate, double lowerV, double upperV)
    {
        var d = Discharge(cRate, lowerV);
        var c = Charge(cRate, upperV);
        return new CycleResult(c, d);
    }

    /// <summary>Specific capacity of <paramref name="chargeAh"/> per active mass, in mAh/g.</summary>
    public double MilliampHoursPerGram(double chargeAh) => chargeAh / Cell.Parameters.ActiveMassKg;
}
