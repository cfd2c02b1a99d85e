namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// What a protocol's relative currents refer to: the nominal capacity (for C-rates) and the electrode
/// area (for current densities). Either may be absent; using a C-rate or a density then is an error.
/// </summary>
/// <param name="CapacityAh">Nominal capacity, Ah: given directly, or active mass × specific capacity.</param>
/// <param name="AreaCm2">Electrode area, cm².</param>
public sealed record CellReference(double? CapacityAh, double? AreaCm2);
