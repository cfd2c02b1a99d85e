namespace OperandoRig.Daemon.Data;

/// <summary>
/// A potentiostat sample as stored and streamed: <see cref="Seq"/> numbers the channel's sample stream
/// (1, 2, 3, … across runs and restarts), so a subscriber can resume exactly where it stopped.
/// <see cref="TemperatureC"/> is the channel's cell temperature reading in °C, NaN (stored as NULL) when it has no sensor.
/// </summary>
public sealed record SampleRecord(
    long Seq,
    string RunId,
    string ChannelId,
    double TimeUnixS,
    double VoltageV,
    double CurrentA,
    double ChargeAh,
    int StepIndex,
    string StepLabel,
    int Cycle,
    double StepTimeS,
    double TemperatureC = double.NaN);
