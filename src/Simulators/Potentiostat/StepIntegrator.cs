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
            case StepKind.ConstantVoltage:
            case StepKind.ConstantCurrentConstantVoltage:
                currentA = AdvanceTowardsVoltage(step, dtS);
                break;
            default:
                return new StepOutcome(null, $"step kind {step.Kind} cannot run on this channel");
        }

        Account(currentA, dtS);
        _stepElapsed += dt;
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

    private void StartStep()
    {
        _stepElapsed = TimeSpan.Zero;
        StepChargeAh = 0;
        _constantVoltagePhase = false;
        _lastVoltageV = cell.TerminalVoltageV;
        var step = _steps[StepIndex];
        var limits = step.Terminations
            .Where(t => t.Quantity == TerminationQuantity.StepTimeS && t.Comparison == TerminationComparison.AtOrAbove)
            .Select(t => t.Threshold)
            .DefaultIfEmpty(double.NaN)
            .Min();
        _stepTimeLimit = double.IsNaN(limits) ? null : TimeSpan.FromSeconds(limits);
    }
}
