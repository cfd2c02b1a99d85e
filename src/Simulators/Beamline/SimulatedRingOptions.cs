using System.Globalization;

namespace OperandoRig.Simulators.Beamline;

/// <summary>Settings of a simulated storage ring in top-up mode; defaults are typical of a third-generation source.</summary>
public sealed record SimulatedRingOptions
{
    /// <summary>Device name. <value>ring</value></summary>
    public string Name { get; init; } = "ring";

    /// <summary>Current a top-up or a refill restores, mA. <value>300 mA</value></summary>
    public double NominalCurrentMa { get; init; } = 300;

    /// <summary>Beam lifetime τ in I = I₀·exp(−t/τ), h; infinity for no decay. <value>10 h</value></summary>
    public double LifetimeH { get; init; } = 10;

    /// <summary>Time between top-up injections, s, on a grid from the ring's start; infinity for decay mode.
    /// <value>600 s</value></summary>
    public double TopUpIntervalS { get; init; } = 600;

    /// <summary>Beam dumps at these times after the ring's start, s (a dump while the beam is already down is merged).
    /// <value>none</value></summary>
    public IReadOnlyList<double> ScheduledDumpsAfterS { get; init; } = [];

    /// <summary>Rate of unplanned dumps while beam is stored, per hour (a Poisson process). <value>0.02 /h (one per 50 h)</value></summary>
    public double RandomDumpsPerHour { get; init; } = 0.02;

    /// <summary>Time from a dump until the refill starts, s. <value>1800 s</value></summary>
    public double RefillDelayS { get; init; } = 1800;

    /// <summary>Duration of the refill from 0 to the nominal current, s; beam is delivered again at its end. <value>300 s</value></summary>
    public double RefillDurationS { get; init; } = 300;

    /// <summary>Seed of the random dumps, so a rehearsal repeats exactly. <value>1</value></summary>
    public int Seed { get; init; } = 1;

    /// <summary>Injected fault (of the status link, not of the beam). <value>none</value></summary>
    public FaultOptions Faults { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Name(Name, nameof(Name));
        OptionsCheck.Positive(NominalCurrentMa, $"{Name}.{nameof(NominalCurrentMa)}", "mA");
        OptionsCheck.PositiveOrInfinite(LifetimeH, $"{Name}.{nameof(LifetimeH)}", "h");
        OptionsCheck.PositiveOrInfinite(TopUpIntervalS, $"{Name}.{nameof(TopUpIntervalS)}", "s");
        for (var i = 0; i < ScheduledDumpsAfterS.Count; i++)
        {
            OptionsCheck.NonNegative(ScheduledDumpsAfterS[i], string.Create(CultureInfo.InvariantCulture, $"{Name}.{nameof(ScheduledDumpsAfterS)}[{i}]"), "s");
        }

        OptionsCheck.NonNegative(RandomDumpsPerHour, $"{Name}.{nameof(RandomDumpsPerHour)}", "/h");
        OptionsCheck.NonNegative(RefillDelayS, $"{Name}.{nameof(RefillDelayS)}", "s");
        OptionsCheck.Positive(RefillDurationS, $"{Name}.{nameof(RefillDurationS)}", "s");
        Faults.Validate($"{Name}.{nameof(Faults)}");
    }
}
