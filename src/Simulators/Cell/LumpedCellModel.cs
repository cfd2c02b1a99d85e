using System.Globalization;

namespace OperandoRig.Simulators.Cell;

/// <summary>
/// A lumped physical model of one solid-state cell: OCV(SOC) with hysteresis, bulk + grain-boundary + interphase
/// resistances with their RC dynamics, Butler–Volmer charge transfer with a double layer, solid-state diffusion
/// reduced to one relaxation mode per particle population, Arrhenius temperature dependence, side reactions that
/// grow the interphase (so first-cycle irreversible capacity and R_int ∝ √N emerge), cracking and contact loss
/// between well-connected, poorly connected and isolated particles, and an optional dendrite short.
/// See <c>src/Simulators/Cell/README.md</c> for the equations. Not thread-safe; one instance per simulated cell.
/// </summary>
public sealed partial class LumpedCellModel : IImpedanceCell
{
    private const double MaxSubstepS = 60;
    private readonly CellParameters _p;
    private readonly OcvCurve _ocv;
    private readonly double _theoreticalC;
    private readonly double _oneCA;
    private readonly double _formationTotalC;
    private CellState _s;
    private double _temperatureK;
    private Factors _f;

    /// <summary>Creates a fresh cell (as assembled) at the parameters' reference temperature.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of its allowed range.</exception>
    public LumpedCellModel(CellParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
        _ocv = new OcvCurve(parameters.Ocv);
        _theoreticalC = parameters.TheoreticalCapacityAh * 3600;
        _oneCA = parameters.NominalCapacityAh;
        _formationTotalC = parameters.Degradation.FormationChargeAhPerKg * parameters.ActiveMassKg * 3600;
        var pop = parameters.Populations;
        _s = new CellState
        {
            Soc0 = parameters.InitialStateOfCharge,
            Soc1 = parameters.InitialStateOfCharge,
            SocIso = parameters.InitialStateOfCharge,
            Fraction0 = pop.WellConnectedFraction,
            Fraction1 = pop.PoorlyConnectedFraction,
            FractionIso = pop.IsolatedFraction,
            InterphaseNm = parameters.Degradation.InterphaseInitialThicknessNm,
            FormationRemainingC = _formationTotalC,
            Hysteresis = 0,
        };
        TemperatureK = parameters.ReferenceTemperatureK;
        _s.TerminalV = OpenCircuitVoltageV;
    }

    /// <summary>The parameters this cell was built from.</summary>
    public CellParameters Parameters => _p;

    /// <inheritdoc />
    public double NominalCapacityAh => _oneCA;

    /// <inheritdoc />
    /// <remarks>Charge-weighted SOC of the accessible (well and poorly connected) particles.</remarks>
    public double StateOfCharge
    {
        get
        {
            var f = _s.Fraction0 + _s.Fraction1;
            return f <= 0 ? _s.SocIso : ((_s.Fraction0 * _s.Soc0) + (_s.Fraction1 * _s.Soc1)) / f;
        }
    }

    /// <inheritdoc />
    /// <remarks>The voltage the cell relaxes to at open circuit: OCV at the accessible SOC on the present hysteresis branch.</remarks>
    public double OpenCircuitVoltageV =>
        _ocv.PotentialV(StateOfCharge) + (HysteresisHalfWidthV(_s.InterphaseNm) * _s.Hysteresis) - _p.CounterElectrodePotentialV;

    /// <inheritdoc />
    public double TerminalVoltageV => _s.TerminalV;

    /// <summary>
    /// Mid-hysteresis equilibrium potential of the working electrode vs Li⁺/Li at <paramref name="stateOfCharge"/>
    /// (the preset's OCV curve as interpolated), in volts.
    /// </summary>
    public double EquilibriumPotentialV(double stateOfCharge) => _ocv.PotentialV(stateOfCharge);

    /// <summary>Current applied in the last step (positive charges), in amperes.</summary>
    public double CurrentA => _s.CurrentA;

    /// <summary>
    /// Cell temperature, in kelvin. Isothermal at the preset's reference temperature unless set; setting it rescales
    /// every resistance, rate and time constant with its Arrhenius factor.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 150..500 K.</exception>
    public double TemperatureK
    {
        get => _temperatureK;
        set
        {
            Check.Range(nameof(TemperatureK), value, 150, 500);
            _temperatureK = value;
            _f = Factors.At(_p, value);
        }
    }

    /// <summary>Capacity of the material that still exchanges charge (well + poorly connected), in ampere-hours.</summary>
    public double AccessibleCapacityAh => (_s.Fraction0 + _s.Fraction1) * _theoreticalC / 3600;

    /// <summary>
    /// Charge stored in all active material including isolated particles, Σ fraction·SOC·Q_theoretical, in ampere-hours.
    /// Charge passed = change of this + <see cref="SideReactionChargeAh"/>, exactly.
    /// </summary>
    public double StoredChargeAh =>
        ((_s.Fraction0 * _s.Soc0) + (_s.Fraction1 * _s.Soc1) + (_s.FractionIso * _s.SocIso)) * _theoreticalC / 3600;

    /// <summary>Charge consumed by irreversible side reactions (interphase formation and growth) so far, in ampere-hours.</summary>
    public double SideReactionChargeAh => _s.SideChargeC / 3600;

    /// <summary>Thickness of the cathode–electrolyte interphase, in nanometres.</summary>
    public double InterphaseThicknessNm => _s.InterphaseNm;

    /// <summary>Well-connected particles.</summary>
    public CellPopulationState WellConnected => new(_s.Fraction0, _s.Soc0, _s.Soc0 + _s.SurfaceExcess0);

    /// <summary>Poorly connected particles (higher contact resistance, lag in SOC).</summary>
    public CellPopulationState PoorlyConnected => new(_s.Fraction1, _s.Soc1, _s.Soc1 + _s.SurfaceExcess1);

    /// <summary>Isolated particles (lost contact; keep the SOC they had when isolated).</summary>
    public CellPopulationState Isolated => new(_s.FractionIso, _s.SocIso, _s.SocIso);

    /// <summary>Hysteresis branch: +1 fully on the charge branch, −1 on the discharge branch.</summary>
    public double HysteresisBranch => _s.Hysteresis;

    /// <summary>Number of current reversals (charge ↔ discharge) seen so far, i.e. completed half-cycles.</summary>
    public int CurrentReversals => _s.Reversals;

    /// <summary>1-based number of the cycle in progress (a cycle is two half-cycles).</summary>
    public int CycleNumber => 1 + (_s.Reversals / 2);

    /// <summary>Dendrite progress through the electrolyte, 0 (none) .. 1 (bridged, short).</summary>
    public double DendriteProgress => _s.DendriteProgress;

    /// <summary>True once a dendrite has shorted the cell (it stays shorted).</summary>
    public bool IsShorted => _s.Shorted;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The current is not finite or the duration is negative or not finite.</exception>
    public double AdvanceWithCurrent(double currentA, double durationS)
    {
        Check.Finite(nameof(currentA), currentA);
        CheckDuration(durationS);
        return StepTerminal(ref _s, currentA, Math.Max(durationS, 1e-9));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The voltage is outside −10..10 V or the duration is invalid.</exception>
    public double AdvanceWithVoltage(double voltageV, double durationS)
    {
        Check.Range(nameof(voltageV), voltageV, -10, 10);
        CheckDuration(durationS);
        var dt = Math.Max(durationS, 1e-9);
        var f = new VoltageResidual(this, dt, voltageV);
        var dx = Math.Max(1e-3 * Math.Abs(_s.CurrentA), 1e-3 * _oneCA);
        var current = MonotoneSolver.Solve(ref f, _s.CurrentA, dx, 1e-9);
        StepTerminal(ref _s, current, dt);
        return current;
    }

    private static void CheckDuration(double durationS)
    {
        if (!(durationS >= 0) || double.IsInfinity(durationS))
        {
            throw new ArgumentOutOfRangeException(nameof(durationS), durationS,
                string.Create(CultureInfo.InvariantCulture, $"durationS = {durationS} must be a finite number of seconds >= 0."));
        }
    }

    private double HysteresisHalfWidthV(double interphaseNm) =>
        _p.Ocv.HysteresisHalfWidthV
        + (_p.Ocv.HysteresisGrowthVPerNm * Math.Max(0, interphaseNm - _p.Degradation.InterphaseInitialThicknessNm));

    /// <summary>Advances the state by dt under a terminal current, handling a short in parallel with the cell.</summary>
    private double StepTerminal(ref CellState s, double currentA, double dtS)
    {
        var threshold = 1e-5 * _oneCA;
        var direction = currentA > threshold ? 1 : currentA < -threshold ? -1 : 0;
        if (direction != 0)
        {
            if (s.Direction != 0 && direction != s.Direction)
            {
                s.Reversals++;
            }

            s.Direction = direction;
        }

        double v;
        if (!s.Shorted)
        {
            v = StepCell(ref s, currentA, dtS);
        }
        else
        {
            var f = new ShortResidual(this, s, dtS, currentA, _p.ShortCircuit!.ShortResistanceOhm);
            var cellCurrent = MonotoneSolver.Solve(ref f, 0, 1e-3 * _oneCA, 1e-10);
            v = StepCell(ref s, cellCurrent, dtS);
        }

        AdvanceDendrite(ref s, currentA, dtS);
        s.CurrentA = currentA;
        s.TerminalV = v;
        return v;
    }

    private void AdvanceDendrite(ref CellState s, double currentA, double dtS)
    {
        var sc = _p.ShortCircuit;
        if (sc is null || s.Shorted)
        {
            return;
        }

        var excess = (Math.Abs(currentA) / _p.ElectrodeAreaM2) - (sc.CriticalCurrentDensityAPerM2 / _f.DendriteSlowdown);
        if (excess > 0)
        {
            s.DendriteProgress += excess * dtS / sc.DendriteChargeDensityToShortCPerM2;
            if (s.DendriteProgress >= 1)
            {
                s.DendriteProgress = 1;
                s.Shorted = true;
            }
        }
    }

    private double StepCell(ref CellState s, double currentA, double dtS)
    {
        var n = (int)Math.Ceiling(dtS / MaxSubstepS);
        var h = dtS / n;
        var v = 0.0;
        for (var i = 0; i < n; i++)
        {
            v = Substep(ref s, currentA, h);
        }

        return v;
    }

    private struct VoltageResidual(LumpedCellModel model, double dtS, double targetV) : IIncreasingFunction
    {
        public readonly double Evaluate(double x)
        {
            var copy = model._s;
            return model.StepTerminal(ref copy, x, dtS) - targetV;
        }
    }

    private struct ShortResidual(LumpedCellModel model, CellState start, double dtS, double terminalCurrentA, double shortOhm)
        : IIncreasingFunction
    {
        public readonly double Evaluate(double x)
        {
            var copy = start;
            var v = model.StepCell(ref copy, x, dtS);
            return v - ((terminalCurrentA - x) * shortOhm);
        }
    }
}
