using System.Globalization;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Potentiostat;

/// <summary>
/// Applies the running step's control to the cell for one integration interval and evaluates the
/// step's terminations, keeping the step and run counters (time, charge) a real instrument reports.
/// CV set points are reached the way a real channel does: at the current limit (the step's CC current
/// for CCCV, the channel's compliance current for CV), then held.
/// </summary>
internal sealed class StepIntegrator(ICellModel cell, double maxAbsCurrentA, ValueRange complianceV)
{
    private IReadOnlyList<ChannelStep> _steps = [];
    private TimeSpan _stepElapsed;
    private TimeSpan? _stepTimeLimit;
    private IReadOnlyList<double> _sweep = [];
    private int _sweepIndex;
    private TimeSpan _pointElapsed;
    private double _dcVoltageV;
    private bool _constantVoltagePhase;
    private double _lastVoltageV;

    public int StepIndex { get; private set; }

    /// <summary>Time the step has run, s (a pause does not count).</summary>
    public double StepTimeS => _stepElapsed.TotalSeconds;

    public double StepChargeAh { get; private set; }

    public double TotalChargeAh { get; private set; }

    public double LastCurrentA { get; private set; }

    public int Cycle => _steps.Count == 0 ? 0 : _steps[StepIndex].Cycle;

    /// <summary>Running time left until the step's time termination, if it has one.</summary>
    public TimeSpan? RemainingStepTime => _stepTimeLimit - _stepElapsed;

    /// <summary>Time until the running impedance sweep's next point is measured; null outside EIS.</summary>
    public TimeSpan? RemainingToImpedancePoint => _sweepIndex < _sweep.Count
        ? ImpedanceMeasurement.PointDuration(_sweep[_sweepIndex]) - _pointElapsed
        : null;

    /// <summary>The frequency of the point measured by the last <see cref="Advance"/>, if one completed.</summary>
    public double? CompletedImpedancePointHz { get; private set; }

    public void Begin(IReadOnlyList<ChannelStep> steps)
    {
        _steps = steps;
        StepIndex = 0;
        TotalChargeAh = 0;
        StartStep();
    }

    /// <summary>Moves to the next step; false when the list is done.</summary>
    public bool NextStep()
    {
        if (StepIndex + 1 >= _steps.Count)
        {
            LastCurrentA = 0;
            return false;
        }

        StepIndex++;
        StartStep();
        return true;
    }

    public StepOutcome Advance(TimeSpan dt)
    {
        var dtS = dt.TotalSeconds;
        var step = _steps[StepIndex];
        double currentA;
        switch (step.Kind)
        {
            case StepKind.Rest:
                currentA = 0;
                cell.AdvanceWithCurrent(0, dtS);
                break;
            case StepKind.ConstantCurrent:
                currentA = step.CurrentA;
                cell.AdvanceWithCurrent(currentA, dtS);
                break;
            case StepKind.ConstantVoltage when step.HoldAtPresentVoltage:
                currentA = cell.AdvanceWithVoltage(_dcVoltageV, dtS);
                break;
            case StepKind.ConstantVoltage:
            case StepKind.ConstantCurrentConstantVoltage:
                currentA = AdvanceTowardsVoltage(step, dtS);
                break;
            case StepKind.PotentiostaticImpedance:
                currentA = cell.AdvanceWithVoltage(_dcVoltageV, dtS);
                break;
            case StepKind.GalvanostaticImpedance:
                currentA = step.CurrentA;
                cell.AdvanceWithCurrent(currentA, dtS);
                break;
            case StepKind.ConstantPower:
                {
                    // P = V·I at the voltage the cell shows at the start of the interval; the adaptive step keeps
                    // the interval short where the voltage moves, so the power holds as the cell sags.
                    var presentV = cell.TerminalVoltageV;
                    currentA = Math.Abs(presentV) > 1e-6 ? step.PowerW / presentV : double.PositiveInfinity;
                    if (!(Math.Abs(currentA) <= maxAbsCurrentA))
                    {
                        return new StepOutcome(null, string.Create(CultureInfo.InvariantCulture,
                            $"compliance: constant power {step.PowerW:G6} W at {presentV:G6} V needs {currentA:G6} A, beyond the channel's ±{maxAbsCurrentA:G6} A"));
                    }

                    cell.AdvanceWithCurrent(currentA, dtS);
                    break;
                }

            default:
                return new StepOutcome(null, $"step kind {step.Kind} cannot run on this channel");
        }

        Account(currentA, dtS);
        _stepElapsed += dt;
        if (AdvanceSweep(dt) is { } sweepEnd)
        {
            return sweepEnd;
        }

        var voltageV = cell.TerminalVoltageV;
        var slope = dtS > 0 ? Math.Abs(voltageV - _lastVoltageV) / dtS : 0;
        _lastVoltageV = voltageV;
        if (Compliance(voltageV) is { } fault)
        {
            return new StepOutcome(null, fault);
        }

        foreach (var t in step.Terminations)
        {
            var value = t.Quantity switch
            {
                TerminationQuantity.VoltageV => voltageV,
                TerminationQuantity.CurrentA => currentA,
                TerminationQuantity.AbsCurrentA => Math.Abs(currentA),
                TerminationQuantity.StepTimeS => StepTimeS,
                TerminationQuantity.StepCapacityAh => Math.Abs(StepChargeAh),
                TerminationQuantity.AbsVoltageSlopeVPerS => slope,
                _ => double.NaN,
            };

            // A CCCV's current limit is not its end: current terminations apply in the CV phase only.
            var currentLimitPhase = step.Kind is StepKind.ConstantCurrentConstantVoltage or StepKind.ConstantVoltage
                && !_constantVoltagePhase
                && t.Quantity is TerminationQuantity.CurrentA or TerminationQuantity.AbsCurrentA;
            if (!currentLimitPhase && t.IsMetBy(value))
            {
                return new StepOutcome(string.Create(CultureInfo.InvariantCulture, $"{t} (measured {value:G6})"), null);
            }
        }

        return StepOutcome.Continue;
    }

    /// <summary>Holds a paused cell by <paramref name="hold"/>; the step clock does not run.</summary>
    public StepOutcome Hold(HoldPolicy hold, double holdVoltageV, double holdCurrentA, double dtS)
    {
        double currentA;
        switch (hold)
        {
            case HoldPolicy.HoldVoltage:
                currentA = Math.Clamp(cell.AdvanceWithVoltage(holdVoltageV, dtS), -maxAbsCurrentA, maxAbsCurrentA);
                break;
            case HoldPolicy.KeepCurrent:
                currentA = holdCurrentA;
                cell.AdvanceWithCurrent(currentA, dtS);
                break;
            default:
                currentA = 0;
                cell.AdvanceWithCurrent(0, dtS);
                break;
        }

        TotalChargeAh += currentA * dtS / 3600.0;
        LastCurrentA = currentA;
        _lastVoltageV = cell.TerminalVoltageV;
        return Compliance(_lastVoltageV) is { } fault ? new StepOutcome(null, fault) : StepOutcome.Continue;
    }

    private string? Compliance(double voltageV) => complianceV.Contains(voltageV)
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"compliance: voltage {voltageV:G6} V outside the channel's range {complianceV} V");

    private double AdvanceTowardsVoltage(ChannelStep step, double dtS)
    {
        if (!_constantVoltagePhase)
        {
            var towardsHigher = step.VoltageV >= cell.TerminalVoltageV;
            var limitA = step.Kind == StepKind.ConstantCurrentConstantVoltage
                ? Math.Abs(step.CurrentA)
                : maxAbsCurrentA;
            var currentA = towardsHigher ? limitA : -limitA;
            var voltageV = cell.AdvanceWithCurrent(currentA, dtS);
            if (towardsHigher ? voltageV >= step.VoltageV : voltageV <= step.VoltageV)
            {
                _constantVoltagePhase = true;
            }

            return currentA;
        }

        return cell.AdvanceWithVoltage(step.VoltageV, dtS);
    }

    private void Account(double currentA, double dtS)
    {
        var chargeAh = currentA * dtS / 3600.0;
        StepChargeAh += chargeAh;
        TotalChargeAh += chargeAh;
        LastCurrentA = currentA;
    }

    /// <summary>Moves the impedance sweep on; returns the step's end after its last point.</summary>
    private StepOutcome? AdvanceSweep(TimeSpan dt)
    {
        CompletedImpedancePointHz = null;
        if (_sweepIndex >= _sweep.Count)
        {
            return null;
        }

        _pointElapsed += dt;
        if (_pointElapsed < ImpedanceMeasurement.PointDuration(_sweep[_sweepIndex]))
        {
            return null;
        }

        CompletedImpedancePointHz = _sweep[_sweepIndex++];
        _pointElapsed = TimeSpan.Zero;
        return _sweepIndex == _sweep.Count
            ? new StepOutcome(string.Create(CultureInfo.InvariantCulture, $"impedance sweep complete ({_sweep.Count} points)"), null)
            : null;
    }

    private void StartStep()
    {
        _stepElapsed = TimeSpan.Zero;
        _pointElapsed = TimeSpan.Zero;
        _sweepIndex = 0;
        CompletedImpedancePointHz = null;
        StepChargeAh = 0;
        _constantVoltagePhase = false;
        _lastVoltageV = cell.TerminalVoltageV;
        var step = _steps[StepIndex];
        _dcVoltageV = step.HoldAtPresentVoltage ? cell.TerminalVoltageV : step.VoltageV;
        _sweep = step.Kind is StepKind.PotentiostaticImpedance or StepKind.GalvanostaticImpedance && step.Impedance is { } sweep
            ? sweep.Frequencies()
            : [];
        var limits = step.Terminations
            .Where(t => t.Quantity == TerminationQuantity.StepTimeS && t.Comparison == TerminationComparison.AtOrAbove)
            .Select(t => t.Threshold)
            .DefaultIfEmpty(double.NaN)
            .Min();
        _stepTimeLimit = double.IsNaN(limits) ? null : TimeSpan.FromSeconds(limits);
    }
}
