namespace OperandoRig.Simulators.Beamline;

/// <summary>Settings of a simulated sample stage: its name and its axes.</summary>
public sealed record SimulatedStageOptions
{
    /// <summary>Device name. <value>stage</value></summary>
    public string Name { get; init; } = "stage";

    /// <summary>The axes, each named (the key in <c>Axes</c> and in move requests).
    /// <value>x and y over -25..25 mm, z over -5..5 mm, 2 mm/s, 10 mm/s²</value></summary>
    public IReadOnlyList<SimulatedMotorAxisOptions> Axes { get; init; } =
    [
        new() { Name = "x" },
        new() { Name = "y" },
        new() { Name = "z", LimitsMm = new(-5, 5) },
    ];

    /// <summary>Injected fault of the stage controller (each axis has its own too). <value>none</value></summary>
    public FaultOptions Faults { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Name(Name, nameof(Name));
        if (Axes is null || Axes.Count == 0)
        {
            throw new ArgumentException($"{Name}.{nameof(Axes)}: a stage needs at least one axis", nameof(Axes));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var axis in Axes)
        {
            axis.Validate();
            if (!seen.Add(axis.Name))
            {
                throw new ArgumentException($"{Name}.{nameof(Axes)}: axis name '{axis.Name}' is used twice", nameof(Axes));
            }
        }

        Faults.Validate($"{Name}.{nameof(Faults)}");
    }
}
