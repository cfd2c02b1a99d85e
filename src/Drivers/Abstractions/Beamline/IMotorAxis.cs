namespace OperandoRig.Drivers.Abstractions.Beamline;

/// <summary>A linear motor axis (sample stage x, y, z), positions in millimetres.</summary>
public interface IMotorAxis : IMovable<double>
{
    /// <summary>Soft limits of the axis, mm.</summary>
    ValueRange LimitsMm { get; }
}
