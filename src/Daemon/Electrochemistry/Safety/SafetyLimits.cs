using OperandoRig.Drivers.Abstractions;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Safety;

/// <summary>
/// The limits a channel's cell must never leave, whatever the protocol does (rig file: channel key
/// <c>safety:</c>). The daemon checks every sample against them and stops the run at the first breach.
/// </summary>
/// <remarks>
/// A temperature window is checked against <see cref="ChannelSample.TemperatureC"/>; with a window set, a channel
/// that reports no temperature (NaN) trips the run: a limit the daemon cannot check is not a limit.
/// </remarks>
/// <param name="VoltageV">Allowed terminal voltage window, V.</param>
/// <param name="MaxAbsCurrentA">Largest allowed current magnitude, A.</param>
/// <param name="MaxSilenceS">Longest time without any record from the channel before the run is ended, s; null: no watchdog.</param>
public sealed record SafetyLimits(ValueRange VoltageV, double MaxAbsCurrentA, double? MaxSilenceS = null)
{
    /// <summary>How an internal short is recognised while current flows; null: not watched.</summary>
    public ShortCircuitLimits? ShortCircuit { get; init; }

    /// <summary>Allowed cell temperature window, °C; null: not watched.</summary>
    public ValueRange? TemperatureC { get; init; }

    /// <summary>The default when the rig file sets no <c>safety:</c>: the channel's own voltage range and current limit, no watchdog.</summary>
    public static SafetyLimits FromCapabilities(ChannelCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        return new SafetyLimits(capabilities.VoltageRangeV, capabilities.MaxAbsCurrentA);
    }
}
