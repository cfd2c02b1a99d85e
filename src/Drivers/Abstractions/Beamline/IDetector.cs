namespace OperandoRig.Drivers.Abstractions.Beamline;

/// <summary>A counter or detector set: triggered for a count time, returns counts per channel.</summary>
public interface IDetector : IDevice, IStoppable
{
    /// <summary>Names of the channels a trigger returns, e.g. <c>I0</c>, <c>It</c>, <c>If</c>.</summary>
    IReadOnlyList<string> ChannelNames { get; }

    /// <summary>Counts for <paramref name="countTime"/> and returns counts per channel.</summary>
    Task<IReadOnlyDictionary<string, double>> TriggerAsync(TimeSpan countTime, CancellationToken cancellationToken);
}
