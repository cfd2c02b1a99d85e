namespace OperandoRig.Daemon.Data;

/// <summary>One stored point of an impedance sweep: Z = <see cref="RealOhm"/> + j·<see cref="ImaginaryOhm"/> at a frequency.</summary>
public sealed record ImpedanceRecord(
    string RunId,
    string ChannelId,
    int StepIndex,
    double TimeUnixS,
    double FrequencyHz,
    double RealOhm,
    double ImaginaryOhm);
