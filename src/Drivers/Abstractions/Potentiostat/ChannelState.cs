namespace OperandoRig.Drivers.Abstractions.Potentiostat;

/// <summary>The state of a potentiostat channel as the device reports it.</summary>
public enum ChannelState
{
    /// <summary>No step list is running; the cell is at open circuit.</summary>
    Idle,
    /// <summary>A step list is loaded and not started.</summary>
    Loaded,
    /// <summary>A step list is running.</summary>
    Running,
    /// <summary>Paused; the cell is held by the hold policy given at pause.</summary>
    Paused,
    /// <summary>The step list ended (last step done, or stopped); the cell is at open circuit.</summary>
    Finished,
    /// <summary>The device reported a fault and left the cell at open circuit.</summary>
    Faulted,
}
