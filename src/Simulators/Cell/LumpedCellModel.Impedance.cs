using System.Numerics;

namespace OperandoRig.Simulators.Cell;

public sealed partial class LumpedCellModel
{
    /// <summary>
    /// The equivalent-circuit element values at the present state: the interphase resistance follows the grown
    /// thickness, the charge-transfer resistance the surface SOC (via the exchange current), the Warburg the OCV slope
    /// and the relaxation time, all at the present temperature.
    /// </summary>
    public ImpedanceElements Elements
    {
        get
        {
            var z = _p.Impedance;
            var surface = _s.Soc0 + _s.SurfaceExcess0;
            var q = Math.Max(_s.Fraction0, MinFraction) * _theoreticalC;
            var tau = RelaxationTimeS(surface);
            var rw = _ocv.SlopeVPerUnitSoc(surface) * tau / q;
            return new ImpedanceElements
            {
                BulkResistanceOhm = z.BulkResistanceOhm * _f.Bulk,
                GrainBoundaryResistanceOhm = z.GrainBoundaryResistanceOhm * _f.GrainBoundary,
                GrainBoundaryCpeCoefficient = z.GrainBoundaryCpeCoefficient,
                GrainBoundaryCpeExponent = z.GrainBoundaryCpeExponent,
                InterphaseResistanceOhm = InterphaseResistanceOhm(_s.InterphaseNm),
                InterphaseCpeCoefficient = z.InterphaseCpeCoefficient,
                InterphaseCpeExponent = z.InterphaseCpeExponent,
                ChargeTransferResistanceOhm = 1 / (_f.FaradayOverRT * ExchangeCurrentA(surface)),
                DoubleLayerCpeCoefficient = z.DoubleLayerCpeCoefficient,
                DoubleLayerCpeExponent = z.DoubleLayerCpeExponent,
                WarburgResistanceOhm = rw,
                WarburgTimeConstantS = 3 * tau,
                WarburgCoefficientOhmSqrtS = rw / Math.Sqrt(2 * 3 * tau),
            };
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Z = R_bulk + (R_gb ‖ CPE_gb) + (R_int ‖ CPE_int) + (R_ct ‖ CPE_dl) + Z_particles, where each connected particle
    /// population contributes its contact resistance, a finite-length Warburg R_W·tanh√(jωτ_W)/√(jωτ_W) and its
    /// chemical capacitance Q/(dU/dθ), the populations in parallel; a short, if any, is in parallel with all of it.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The frequency is not within 1 µHz .. 1 GHz.</exception>
    public Complex ImpedanceOhm(double frequencyHz)
    {
        Check.Range(nameof(frequencyHz), frequencyHz, 1e-6, 1e9);
        var e = Elements;
        var s = new Complex(0, 2 * Math.PI * frequencyHz);
        var zTotal = e.BulkResistanceOhm
            + Zarc(s, e.GrainBoundaryResistanceOhm, e.GrainBoundaryCpeCoefficient, e.GrainBoundaryCpeExponent)
            + Zarc(s, e.InterphaseResistanceOhm, e.InterphaseCpeCoefficient, e.InterphaseCpeExponent)
            + Zarc(s, e.ChargeTransferResistanceOhm, e.DoubleLayerCpeCoefficient, e.DoubleLayerCpeExponent);

        var admittance = PopulationAdmittance(s, _s.Fraction0, _s.Soc0, _s.SurfaceExcess0, _p.Populations.WellConnectedContactResistanceOhm);
        if (_s.Fraction1 > MinFraction)
        {
            admittance += PopulationAdmittance(s, _s.Fraction1, _s.Soc1, _s.SurfaceExcess1, _p.Populations.PoorlyConnectedContactResistanceOhm);
        }

        zTotal += 1 / admittance;
        if (_s.Shorted)
        {
            var rs = _p.ShortCircuit!.ShortResistanceOhm;
            zTotal = zTotal * rs / (zTotal + rs);
        }

        return zTotal;
    }

    private static Complex Zarc(Complex s, double r, double q, double n) =>
        r <= 0 ? Complex.Zero : r / (1 + (r * q * Complex.Pow(s, n)));

    private Complex PopulationAdmittance(Complex s, double fraction, double soc, double excess, double contactOhm)
    {
        var q = Math.Max(fraction, MinFraction) * _theoreticalC;
        var surface = soc + excess;
        var slope = _ocv.SlopeVPerUnitSoc(surface);
        var tau = RelaxationTimeS(surface);
        var rw = slope * tau / q;
        var x = Complex.Sqrt(s * 3 * tau);
        var tanhOverX = x.Real > 20 ? 1 / x : Complex.Tanh(x) / x;
        var z = ContactOhm(contactOhm, fraction) + (rw * tanhOverX) + (1 / (s * (q / _ocv.SlopeVPerUnitSoc(soc))));
        return 1 / z;
    }
}
