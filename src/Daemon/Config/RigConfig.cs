using OperandoRig.Drivers.Abstractions;

namespace OperandoRig.Daemon.Config;

/// <summary>The rig as configured (all quantities SI); produced by <see cref="RigConfigLoader"/>.</summary>
/// <param name="Name">Rig name, shown to clients.</param>
/// <param name="Clock">Which clock the rig runs on.</param>
/// <param name="DataDirectory">Where the store lives (absolute).</param>
/// <param name="ListenEndpoint">gRPC endpoint, host:port (loopback by default).</param>
/// <param name="Channels">Potentiostat channels.</param>
/// <param name="Autostart">Protocols started when the daemon starts.</param>
/// <param name="Influx">The InfluxDB replica, when configured (section <c>influx:</c>).</param>
/// <param name="Beamline">The beamline, when configured (section <c>beamline:</c>).</param>
public sealed record RigConfig(
    string Name,
    ClockConfig Clock,
    string DataDirectory,
    string ListenEndpoint,
    IReadOnlyList<ChannelConfig> Channels,
    IReadOnlyList<AutostartConfig> Autostart,
    Data.Influx.InfluxOptions? Influx = null,
    Beamline.BeamlineConfig? Beamline = null);

/// <summary>The daemon clock: real time, or simulated time running <see cref="Speed"/> times faster.</summary>
/// <param name="Simulated">False: the system clock. True: simulated time from the start of the daemon.</param>
/// <param name="Speed">Simulated seconds per real second (1 for real time).</param>
public sealed record ClockConfig(bool Simulated, double Speed);

/// <summary>One potentiostat channel.</summary>
/// <param name="Id">Channel id, e.g. <c>ch1</c>.</param>
/// <param name="Driver">Driver name; <c>simulated</c> for the built-in simulator.</param>
/// <param name="SamplePeriodS">Sample period, s.</param>
/// <param name="VoltageRangeV">Compliance voltage range, V.</param>
/// <param name="MaxCurrentA">Largest current magnitude, A.</param>
/// <param name="Cell">The simulated cell (simulated driver only).</param>
/// <param name="Faults">Faults the simulated channel shows at given times after a run starts (rehearsing failures).</param>
/// <param name="Safety">The limits the daemon holds the cell to (key <c>safety:</c>); null: the channel's range and current limit, no watchdog.</param>
public sealed record ChannelConfig(string Id, string Driver, double SamplePeriodS, ValueRange VoltageRangeV, double MaxCurrentA, CellConfig Cell,
    IReadOnlyList<OperandoRig.Simulators.Potentiostat.ScheduledChannelFault>? Faults = null,
    Electrochemistry.Safety.SafetyLimits? Safety = null);

/// <summary>A simulated cell: a simple Thevenin cell, or a physical preset from the seed papers.</summary>
/// <param name="Model"><c>thevenin</c> or <c>preset</c>.</param>
/// <param name="CapacityAh">Capacity of a Thevenin cell, Ah (a preset brings its own).</param>
/// <param name="InitialStateOfCharge">State of charge at start, 0..1.</param>
/// <param name="Preset">The preset's name, e.g. <c>nmc811-lpscl-liin-rt</c>.</param>
public sealed record CellConfig(string Model, double CapacityAh, double InitialStateOfCharge, string? Preset)
{
    /// <summary>The cell's temperature (a temperature-controlled holder or chamber), °C; null: the model's reference temperature.</summary>
    public double? TemperatureC { get; init; }
}

/// <summary>A protocol to start on a channel when the daemon starts.</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="ProtocolPath">The protocol file (absolute).</param>
public sealed record AutostartConfig(string ChannelId, string ProtocolPath);
