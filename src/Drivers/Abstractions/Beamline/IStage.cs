namespace OperandoRig.Drivers.Abstractions.Beamline;

/// <summary>A sample stage: named axes moved together to a position.</summary>
public interface IStage : IDevice, IStoppable
{
    /// <summary>The stage's axes by name (e.g. <c>x</c>, <c>y</c>).</summary>
    IReadOnlyDictionary<string, IMotorAxis> Axes { get; }

    /// <summary>Moves the named axes to the given positions (mm) and returns when all have settled.</summary>
    Task MoveToAsync(IReadOnlyDictionary<string, double> positionsMm, CancellationToken cancellationToken);
}
