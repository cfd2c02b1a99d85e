using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Simulators.Operando;

/// <summary>
/// What a micro-focused beam sees of a simulated cell: the electrode as a square grid of secondary particles of
/// <see cref="ParticleMapOptions.ParticleDiameterUm"/>, each belonging to one of the cell model's populations (well
/// connected, poorly connected, isolated), and the beam's footprint (a rectangle centred on the stage's x and y) seeing
/// the particles it overlaps, weighted by the overlapped area. A beam much smaller than the particles therefore sees one
/// particle's state of charge (an isolated particle keeps its edge where it was while the rest of the cell cycles); a
/// beam much larger than them sees the cell's mixture (<see cref="CellSampleState"/>), which is also what it falls back
/// to when the footprint covers more than <see cref="ParticleMapOptions.MaxParticlesPerFootprint"/> particles.
/// <para>
/// Which population a particle belongs to is fixed by a rank in [0, 1) drawn once per particle from a hash of the seed
/// and the particle's grid index, compared with the model's population fractions at the time of the reading (isolated
/// first, then poorly connected, then well connected): the map is reproducible, covers the populations in their volume
/// fractions, and as contact loss moves material from connected to isolated the particles at the borders of the ranks
/// are the ones that change.
/// </para>
/// </summary>
public sealed class ParticleMapSampleState : ISampleStateSource
{
    private readonly CellSampleState _cell;
    private readonly ParticleMapOptions _options;

    /// <summary>Follows <paramref name="cell"/> with the particle map and beam of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public ParticleMapSampleState(CellSampleState cell, ParticleMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _cell = cell;
        _options = options;
    }

    /// <summary>The settings.</summary>
    public ParticleMapOptions Options => _options;

    /// <summary>The population the particle under (<paramref name="xMm"/>, <paramref name="yMm"/>) belongs to now.</summary>
    public ParticleClass ClassAt(double xMm, double yMm)
    {
        var d = _options.ParticleDiameterUm * 1e-3;
        return ClassOf((long)Math.Floor((xMm - _options.OriginXMm) / d), (long)Math.Floor((yMm - _options.OriginYMm) / d), Thresholds());
    }

    /// <inheritdoc />
    public IReadOnlyList<SocPopulation> PopulationsAt(IReadOnlyDictionary<string, double> positionMm)
    {
        ArgumentNullException.ThrowIfNull(positionMm);
        var x = positionMm.GetValueOrDefault("x") - _options.OriginXMm;
        var y = positionMm.GetValueOrDefault("y") - _options.OriginYMm;
        var d = _options.ParticleDiameterUm * 1e-3;
        var halfW = _options.FootprintWidthUm * 0.5e-3;
        var halfH = _options.FootprintHeightUm * 0.5e-3;
        long i0 = (long)Math.Floor((x - halfW) / d), i1 = (long)Math.Floor((x + halfW) / d);
        long j0 = (long)Math.Floor((y - halfH) / d), j1 = (long)Math.Floor((y + halfH) / d);
        if ((double)(i1 - i0 + 1) * (j1 - j0 + 1) > _options.MaxParticlesPerFootprint)
        {
            return _cell.PopulationsAt(positionMm);
        }

        var thresholds = Thresholds();
        Span<double> area = stackalloc double[3];
        for (var i = i0; i <= i1; i++)
        {
            var wx = Overlap(x - halfW, x + halfW, i * d, (i + 1) * d);
            for (var j = j0; j <= j1; j++)
            {
                var wy = Overlap(y - halfH, y + halfH, j * d, (j + 1) * d);
                if (wx * wy > 0)
                {
                    area[(int)ClassOf(i, j, thresholds)] += wx * wy;
                }
            }
        }

        var states = _cell.PopulationStates();
        var total = area[0] + area[1] + area[2];
        var populations = new List<SocPopulation>(3);
        for (var k = 0; k < 3; k++)
        {
            if (area[k] > 0)
            {
                populations.Add(new SocPopulation(area[k] / total, states[k]));
            }
        }

        return populations;
    }

    private static double Overlap(double a0, double a1, double b0, double b1) => Math.Max(0, Math.Min(a1, b1) - Math.Max(a0, b0));

    /// <summary>Rank thresholds now: below the first a particle is isolated, below the second poorly connected.</summary>
    private (double Isolated, double Poorly) Thresholds()
    {
        var cell = _cell.Cell;
        double well = cell.WellConnected.Fraction, poorly = cell.PoorlyConnected.Fraction, isolated = cell.Isolated.Fraction;
        var total = well + poorly + isolated;
        return total > 0 ? (isolated / total, (isolated + poorly) / total) : (0, 0);
    }

    private ParticleClass ClassOf(long i, long j, (double Isolated, double Poorly) thresholds)
    {
        var u = Rank(i, j);
        return u < thresholds.Isolated ? ParticleClass.Isolated
            : u < thresholds.Poorly ? ParticleClass.PoorlyConnected
            : ParticleClass.WellConnected;
    }

    /// <summary>A particle's rank in [0, 1): SplitMix64 over the seed and the grid index.</summary>
    private double Rank(long i, long j)
    {
        ulong z = unchecked((ulong)_options.Seed + (0x9E3779B97F4A7C15UL * (ulong)i) + (0xC2B2AE3D27D4EB4FUL * (ulong)j));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}

/// <summary>The population a particle of the map belongs to (the index of its state in
/// <see cref="CellSampleState.PopulationStates"/>).</summary>
public enum ParticleClass
{
    /// <summary>In good electronic and ionic contact.</summary>
    WellConnected = 0,

    /// <summary>Behind a large contact resistance.</summary>
    PoorlyConnected = 1,

    /// <summary>Cut off: it keeps the state of charge it had when it lost contact.</summary>
    Isolated = 2,
}

/// <summary>Settings of <see cref="ParticleMapSampleState"/>.</summary>
public sealed record ParticleMapOptions
{
    /// <summary>Secondary particle size, µm. <value>10 µm (polycrystalline NMC)</value></summary>
    public double ParticleDiameterUm { get; init; } = 10;

    /// <summary>Beam footprint width (along x), µm. <value>5 µm</value></summary>
    public double FootprintWidthUm { get; init; } = 5;

    /// <summary>Beam footprint height (along y), µm. <value>5 µm</value></summary>
    public double FootprintHeightUm { get; init; } = 5;

    /// <summary>Stage x of the map's origin (a particle's corner), mm: positions are taken relative to it. <value>0 mm</value></summary>
    public double OriginXMm { get; init; }

    /// <summary>Stage y of the map's origin, mm. <value>0 mm</value></summary>
    public double OriginYMm { get; init; }

    /// <summary>Seed of the map (one per cell: two cells with the same seed have the same map). <value>1</value></summary>
    public long Seed { get; init; } = 1;

    /// <summary>A footprint over more particles than this sees the cell's mixture. <value>10 000</value></summary>
    public int MaxParticlesPerFootprint { get; init; } = 10_000;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentException">Names the setting, its value and the allowed range.</exception>
    public void Validate()
    {
        InRange(nameof(ParticleDiameterUm), ParticleDiameterUm, 0.01, 1000);
        InRange(nameof(FootprintWidthUm), FootprintWidthUm, 0.001, 100_000);
        InRange(nameof(FootprintHeightUm), FootprintHeightUm, 0.001, 100_000);
        if (!double.IsFinite(OriginXMm) || !double.IsFinite(OriginYMm))
        {
            throw new ArgumentException(FormattableString.Invariant($"particle map: origin ({OriginXMm}, {OriginYMm}) mm is not finite"), nameof(OriginXMm));
        }

        if (MaxParticlesPerFootprint < 1)
        {
            throw new ArgumentException($"particle map: {nameof(MaxParticlesPerFootprint)} = {MaxParticlesPerFootprint}; allowed: 1 or more", nameof(MaxParticlesPerFootprint));
        }
    }

    private static void InRange(string name, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentException(FormattableString.Invariant($"particle map: {name} = {value} µm; allowed: {min}..{max} µm"), name);
        }
    }
}
