namespace OperandoRig.Daemon.Electrochemistry.Safety;

/// <summary>A limit a sample broke: which signal, its value and the limit, and the sentence that says so.</summary>
/// <param name="Signal">The signal, e.g. <c>voltage</c>, <c>current</c>, <c>short_circuit</c>, <c>silence</c>.</param>
/// <param name="Value">The value that broke the limit, in SI (V, A, V/s, s); NaN for a non-finite reading.</param>
/// <param name="Limit">The limit it broke, in the same unit.</param>
/// <param name="Message">The sentence naming signal, value and limit (the run's end reason).</param>
public sealed record SafetyBreach(string Signal, double Value, double Limit, string Message);
