namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>A potentiostat/galvanostat/cycler with one or more independent channels.</summary>
public interface IPotentiostat : IDevice
{
    /// <summary>The instrument's channels, in the order the instrument numbers them.</summary>
    IReadOnlyList<IPotentiostatChannel> Channels { get; }
}
