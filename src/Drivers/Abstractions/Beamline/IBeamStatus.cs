namespace OperandoRig.Drivers.Abstractions.Beamline;

/// <summary>The storage ring as seen from the beamline.</summary>
public interface IBeamStatus : IDevice
{
    /// <summary>Reads the ring current (mA) and whether beam is delivered.</summary>
    Task<BeamReading> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>A reading of the beam status.</summary>
/// <param name="Timestamp">When it was read, on the daemon clock.</param>
/// <param name="RingCurrentMa">Ring current, mA.</param>
/// <param name="BeamAvailable">True when the facility delivers beam.</param>
public readonly record struct BeamReading(DateTimeOffset Timestamp, double RingCurrentMa, bool BeamAvailable);
