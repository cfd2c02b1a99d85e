namespace OperandoRig.Simulators.Cell;

public sealed partial class LumpedCellModel
{
    /// <summary>Temperature-dependent factors, recomputed only when the temperature is set.</summary>
    private readonly record struct Factors(
        double Bulk,
        double GrainBoundary,
        double Interphase,
        double ChargeTransfer,
        double Diffusion,
        double SideReaction,
        double DendriteSlowdown,
        double FaradayOverRT)
    {
        public static Factors At(CellParameters p, double temperatureK)
        {
            var t0 = p.ReferenceTemperatureK;
            var z = p.Impedance;
            return new Factors(
                Electrochemistry.ArrheniusSlowdown(z.BulkActivationEnergyJPerMol, temperatureK, t0),
                Electrochemistry.ArrheniusSlowdown(z.GrainBoundaryActivationEnergyJPerMol, temperatureK, t0),
                Electrochemistry.ArrheniusSlowdown(z.InterphaseActivationEnergyJPerMol, temperatureK, t0),
                Electrochemistry.ArrheniusSlowdown(z.ChargeTransferActivationEnergyJPerMol, temperatureK, t0),
                Electrochemistry.ArrheniusSlowdown(p.Diffusion.ActivationEnergyJPerMol, temperatureK, t0),
                1 / Electrochemistry.ArrheniusSlowdown(p.Degradation.SideReactionActivationEnergyJPerMol, temperatureK, t0),
                Electrochemistry.ArrheniusSlowdown(z.ChargeTransferActivationEnergyJPerMol, temperatureK, t0),
                Electrochemistry.FaradayCPerMol / (Electrochemistry.GasConstantJPerMolK * temperatureK));
        }
    }
}
