namespace OperandoRig.Simulators.Cell;

public sealed partial class LumpedCellModel
{
    private const double MinFraction = 1e-9;

    // Saturation for abuse far outside a preset's window (a cell driven volts beyond its cut-offs for many cycles): the
    // particles' SOC stays within a band around 0..1 (the OCV's end slopes already put the voltage volts beyond any
    // cut-off there), the interphase cannot outgrow a separator's thickness, and cracking never empties the
    // well-connected population. Inside a preset's window none of these bounds is reached.
    private const double SocFloor = -0.25;
    private const double SocCeiling = 1.25;
    private const double MaxInterphaseNm = 1e4;
    private const double MaxSocSweptPerSubstep = 1;

    /// <summary>One substep of at most <see cref="MaxSubstepS"/> under a constant cell current; returns terminal volts.</summary>
    private double Substep(ref CellState s, double currentA, double h)
    {
        var z = _p.Impedance;
        var d = _p.Degradation;

        // Side reactions run where the electrolyte in the composite touches the electronically conducting phases
        // (active material, carbon): at the electrode potential minus the separator's ohmic drop, i.e. the surface
        // OCV plus the charge-transfer and interphase overpotentials. At the end of a CC charge this is the cut-off
        // minus I·(R_bulk + R_gb), so the damage per cycle follows the cut-off actually reached.
        // Their current is part of the applied current.
        var hystV = HysteresisHalfWidthV(s.InterphaseNm) * s.Hysteresis;
        var surfacePotentialV = _ocv.PotentialV(s.Soc0 + s.SurfaceExcess0) + hystV + s.ChargeTransferV + s.InterphaseV;
        var sideC = 0.0;
        var thickness = s.InterphaseNm;
        if (s.FormationRemainingC > 0)
        {
            var extent = _formationTotalC / (1 + Electrochemistry.SafeExp(-(surfacePotentialV - d.FormationOnsetPotentialV) / d.FormationPotentialScaleV));
            var behind = s.FormationRemainingC - (_formationTotalC - extent);
            if (behind > 0)
            {
                var consumed = behind * -double.ExpM1(-d.FormationRatePerS * _f.SideReaction * h);
                s.FormationRemainingC -= consumed;
                sideC += consumed;
                thickness += d.FormationInterphaseFraction * consumed / d.InterphaseChargeCPerNm;
            }
        }

        if (d.InterphaseGrowthNm2PerS > 0 || d.InterphaseGrowthNm2PerUnitSoc > 0)
        {
            var socRate = Math.Abs(currentA) / Math.Max((s.Fraction0 + s.Fraction1) * _theoreticalC, 1e-12);
            var k = ((d.InterphaseGrowthNm2PerS * _f.SideReaction) + (d.InterphaseGrowthNm2PerUnitSoc * socRate))
                * Electrochemistry.SafeExp((surfacePotentialV - d.InterphaseGrowthOnsetPotentialV) / d.InterphaseGrowthPotentialScaleV);
            var grown = Math.Min(Math.Sqrt((thickness * thickness) + (2 * k * h)), Math.Max(thickness, MaxInterphaseNm));
            sideC += d.InterphaseChargeCPerNm * (grown - thickness);
            thickness = grown;
        }

        s.InterphaseNm = thickness;
        s.SideChargeC += sideC;
        var mainA = currentA - (sideC / h);

        // Electrolyte and interphase: ohmic bulk, and RC elements relaxing exactly over the substep.
        var rBulk = z.BulkResistanceOhm * _f.Bulk;
        var rGb = z.GrainBoundaryResistanceOhm * _f.GrainBoundary;
        s.GrainBoundaryV = Electrochemistry.Relax(s.GrainBoundaryV, currentA * rGb, h,
            rGb * Electrochemistry.EffectiveCapacitanceF(z.GrainBoundaryCpeCoefficient, z.GrainBoundaryCpeExponent, rGb));
        var rInt = InterphaseResistanceOhm(thickness);
        s.InterphaseV = Electrochemistry.Relax(s.InterphaseV, currentA * rInt, h,
            rInt * Electrochemistry.EffectiveCapacitanceF(z.InterphaseCpeCoefficient, z.InterphaseCpeExponent, rInt));

        // Butler–Volmer (α = ½) charge transfer charging the double layer: the overpotential relaxes towards the
        // steady-state value with the local differential resistance times the double-layer capacitance.
        var i0 = ExchangeCurrentA(s.Soc0 + s.SurfaceExcess0);
        var twoOverF = 2 / _f.FaradayOverRT;
        var etaSteady = twoOverF * Math.Asinh(mainA / (2 * i0));
        var rDiff = twoOverF / Math.Sqrt((4 * i0 * i0) + (mainA * mainA));
        s.ChargeTransferV = Electrochemistry.Relax(s.ChargeTransferV, etaSteady, h,
            rDiff * Electrochemistry.EffectiveCapacitanceF(z.DoubleLayerCpeCoefficient, z.DoubleLayerCpeExponent, rDiff));

        // Particle populations in parallel behind the charge-transfer node.
        var nodeV = SplitBetweenPopulations(ref s, mainA, h, out var current0);

        // Hysteresis moves towards the branch of the present current direction with the charge passed.
        if (mainA != 0)
        {
            var accessibleC = Math.Max((s.Fraction0 + s.Fraction1) * _theoreticalC, 1e-12);
            var target = mainA > 0 ? 1.0 : -1.0;
            s.Hysteresis = target + ((s.Hysteresis - target) * Math.Exp(-Math.Abs(mainA) * h / (accessibleC * _p.Ocv.HysteresisSocSpan)));
        }

        Crack(ref s, Math.Abs(current0) * h / Math.Max(s.Fraction0 * _theoreticalC, 1e-12));

        return nodeV + s.ChargeTransferV + s.InterphaseV + s.GrainBoundaryV + (currentA * rBulk) - _p.CounterElectrodePotentialV;
    }

    private double InterphaseResistanceOhm(double thicknessNm) =>
        (_p.Impedance.InterphaseResistanceOhm
         + (_p.Impedance.InterphaseResistanceOhmPerNm * Math.Max(0, thicknessNm - _p.Degradation.InterphaseInitialThicknessNm)))
        * _f.Interphase;

    private double ExchangeCurrentA(double surfaceSoc)
    {
        var z = _p.Impedance;
        var x = Math.Clamp(surfaceSoc, 0, 1);
        return z.ExchangeCurrentA / _f.ChargeTransfer * Math.Max(Math.Sqrt(4 * x * (1 - x)), z.ExchangeCurrentSocFloor);
    }

    private double RelaxationTimeS(double surfaceSoc)
    {
        var df = _p.Diffusion;
        var hindrance = 1.0;
        if (df.LowSocHindranceFactor > 0)
        {
            hindrance += df.LowSocHindranceFactor * Math.Exp(-Math.Max(surfaceSoc, 0) / df.LowSocHindranceWidth);
        }

        if (df.HighSocHindranceFactor > 0)
        {
            hindrance += df.HighSocHindranceFactor * Math.Exp(-Math.Max(1 - surfaceSoc, 0) / df.HighSocHindranceWidth);
        }

        return df.RelaxationTimeConstantS * _f.Diffusion * hindrance;
    }

    /// <summary>
    /// Splits <paramref name="mainA"/> between the well and poorly connected populations so that both end the
    /// substep at the same node potential (linearised around their zero-current end states, so large steps stay
    /// stable), then advances their average and surface SOCs. Returns the node potential vs Li⁺/Li.
    /// </summary>
    private double SplitBetweenPopulations(ref CellState s, double mainA, double h, out double current0)
    {
        var hystV = HysteresisHalfWidthV(s.InterphaseNm) * s.Hysteresis;
        var has1 = s.Fraction1 > MinFraction;
        Branch(s.Fraction0, s.Soc0, s.SurfaceExcess0, _p.Populations.WellConnectedContactResistanceOhm, h, hystV,
            out var e0, out var r0, out var decay0, out var tau0, out var q0);
        double e1 = 0, r1 = double.PositiveInfinity, decay1 = 0, tau1 = 0, q1 = 0;
        if (has1)
        {
            Branch(s.Fraction1, s.Soc1, s.SurfaceExcess1, _p.Populations.PoorlyConnectedContactResistanceOhm, h, hystV,
                out e1, out r1, out decay1, out tau1, out q1);
        }

        var g0 = 1 / r0;
        var g1 = has1 ? 1 / r1 : 0;
        var node = (mainA + (e0 * g0) + (e1 * g1)) / (g0 + g1);
        current0 = (node - e0) * g0;
        Advance(ref s.Soc0, ref s.SurfaceExcess0, current0, q0, tau0, decay0, h);
        var v0 = _ocv.PotentialV(s.Soc0 + s.SurfaceExcess0) + hystV + (current0 * ContactOhm(_p.Populations.WellConnectedContactResistanceOhm, s.Fraction0));
        if (!has1)
        {
            return v0;
        }

        var current1 = (node - e1) * g1;
        Advance(ref s.Soc1, ref s.SurfaceExcess1, current1, q1, tau1, decay1, h);
        var v1 = _ocv.PotentialV(s.Soc1 + s.SurfaceExcess1) + hystV + (current1 * ContactOhm(_p.Populations.PoorlyConnectedContactResistanceOhm, s.Fraction1));
        return ((v0 * g0) + (v1 * g1)) / (g0 + g1);
    }

    private double ContactOhm(double specificOhm, double fraction) => specificOhm * _f.Bulk / Math.Max(fraction, MinFraction);

    private void Branch(double fraction, double soc, double excess, double contactOhm, double h, double hystV,
        out double e, out double r, out double decay, out double tau, out double q)
    {
        q = fraction * _theoreticalC;
        tau = RelaxationTimeS(soc + excess);
        decay = Math.Exp(-h / tau);
        var freeSurface = soc + (excess * decay);
        e = _ocv.PotentialV(freeSurface) + hystV;
        r = ContactOhm(contactOhm, fraction) + (_ocv.SlopeVPerUnitSoc(freeSurface) * (h + (tau * (1 - decay))) / q);
    }

    private static void Advance(ref double soc, ref double excess, double currentA, double q, double tau, double decay, double h)
    {
        soc = Math.Clamp(soc + (currentA * h / q), SocFloor, SocCeiling);
        var steady = tau * currentA / q;
        excess = steady + ((excess - steady) * decay);
    }

    /// <summary>Cracking: SOC swept by the well-connected particles moves material towards isolation.</summary>
    private void Crack(ref CellState s, double socSwept)
    {
        var d = _p.Degradation;
        if (socSwept <= 0 || (d.CrackingPerUnitSoc <= 0 && d.IsolationPerUnitSoc <= 0))
        {
            return;
        }

        var enhancement = 1 + (d.CrackingHighSocFactor / (1 + Math.Exp(-(s.Soc0 - d.CrackingHighSocOnset) / 0.02)));
        var strain = Math.Min(socSwept, MaxSocSweptPerSubstep) * enhancement;
        var toIsolated = s.Fraction1 * -double.ExpM1(-d.IsolationPerUnitSoc * strain);
        if (toIsolated > 0)
        {
            s.SocIso = Mix(s.FractionIso, s.SocIso, toIsolated, s.Soc1);
            s.FractionIso += toIsolated;
            s.Fraction1 -= toIsolated;
        }

        var toPoor = Math.Min(s.Fraction0 * -double.ExpM1(-d.CrackingPerUnitSoc * strain), Math.Max(s.Fraction0 - (2 * MinFraction), 0));
        if (toPoor > 0)
        {
            s.Soc1 = Mix(s.Fraction1, s.Soc1, toPoor, s.Soc0);
            s.SurfaceExcess1 = Mix(s.Fraction1, s.SurfaceExcess1, toPoor, s.SurfaceExcess0);
            s.Fraction1 += toPoor;
            s.Fraction0 -= toPoor;
        }
    }

    private static double Mix(double fractionA, double valueA, double fractionB, double valueB) =>
        ((fractionA * valueA) + (fractionB * valueB)) / (fractionA + fractionB);
}
