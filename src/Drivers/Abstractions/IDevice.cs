namespace OperandoRig.Drivers.Abstractions;

/// <summary>Anything the daemon talks to: it has a name that appears in logs, errors and records.</summary>
public interface IDevice
{
    /// <summary>The device's name in the rig configuration, e.g. <c>potentiostat1</c> or <c>mono</c>.</summary>
    string Name { get; }
}
