namespace OperandoRig.Simulators.Potentiostat;

/// <summary>What one integration step ended with: nothing, a met termination, or a fault.</summary>
internal readonly record struct StepOutcome(string? Terminated, string? Fault)
{
    public static StepOutcome Continue => default;
}
