namespace OperandoRig.Daemon.Config;

/// <summary>
/// The rig configuration is invalid; the message names the file, line, config path and value, e.g.
/// <c>rig.yaml:12: channels[0].max_current: '10' has no unit; expected a current such as 1 mA</c>.
/// </summary>
public sealed class RigConfigException(string message) : ArgumentException(message);
