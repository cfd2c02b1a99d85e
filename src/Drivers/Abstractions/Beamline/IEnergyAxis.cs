namespace OperandoRig.Drivers.Abstractions.Beamline;

/// <summary>A monochromator: moves the photon energy, in electronvolts.</summary>
public interface IEnergyAxis : IMovable<double>
{
    /// <summary>Energies the monochromator can reach, eV.</summary>
    ValueRange EnergyRangeEv { get; }
}
