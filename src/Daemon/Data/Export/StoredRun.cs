namespace OperandoRig.Daemon.Data.Export;

/// <summary>A run's row in the store: which channel ran which protocol, and when it started (Unix seconds).</summary>
public sealed record StoredRun(string RunId, string ChannelId, string Protocol, double StartedUnixS);
