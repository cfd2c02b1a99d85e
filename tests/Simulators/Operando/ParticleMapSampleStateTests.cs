using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Operando;

namespace OperandoRig.Simulators.Tests.Operando;

[TestClass]
public sealed class ParticleMapSampleStateTests
{
    private static Dictionary<string, double> At(double xMm, double yMm) => new() { ["x"] = xMm, ["y"] = yMm };

    /// <summary>Centres of the 10 µm particles of a 200 × 200 patch, mm.</summary>
    private static IEnumerable<(double X, double Y)> Centres(int n = 200) =>
        from i in Enumerable.Range(0, n) from j in Enumerable.Range(0, n) select (((i + 0.5) * 0.01), ((j + 0.5) * 0.01));

    [TestMethod]
    public void ClassAt_ManyParticles_SharesFollowThePopulationFractions()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt"));
        var map = new ParticleMapSampleState(new CellSampleState(cell), new ParticleMapOptions { Seed = 7 });

        var counts = Centres().GroupBy(c => map.ClassAt(c.X, c.Y)).ToDictionary(g => g.Key, g => g.Count() / 40_000.0);

        Assert.AreEqual(cell.WellConnected.Fraction, counts[ParticleClass.WellConnected], 0.01);
        Assert.AreEqual(cell.PoorlyConnected.Fraction, counts[ParticleClass.PoorlyConnected], 0.01);
        Assert.AreEqual(cell.Isolated.Fraction, counts[ParticleClass.Isolated], 0.01);
    }

    [TestMethod]
    public void PopulationsAt_SmallBeamOnOneParticle_SeesThatParticleOnly_AndAnIsolatedOneDoesNotCycle()
    {
        var parameters = CellPresets.Load("nmc811-lpscl-liin-rt");
        var cell = new LumpedCellModel(parameters);
        var map = new ParticleMapSampleState(new CellSampleState(cell), new ParticleMapOptions { FootprintWidthUm = 5, FootprintHeightUm = 5 });
        var connected = Centres().First(c => map.ClassAt(c.X, c.Y) == ParticleClass.WellConnected);
        var isolated = Centres().First(c => map.ClassAt(c.X, c.Y) == ParticleClass.Isolated);
        var sample = new XanesSample(new XanesSampleOptions(), map);
        double connectedBefore = EdgeEv(sample, connected), isolatedBefore = EdgeEv(sample, isolated);

        while (cell.AdvanceWithCurrent(cell.NominalCapacityAh / 10, 60) < parameters.TypicalUpperCutoffV)
        {
        }

        cell.AdvanceWithCurrent(0, 1800);
        var seen = map.PopulationsAt(At(connected.X, connected.Y));
        Assert.HasCount(1, seen, "a 5 µm beam in the middle of a 10 µm particle sees that particle only");
        Assert.AreEqual(1.0, seen[0].Fraction, 1e-12);
        var connectedShift = EdgeEv(sample, connected) - connectedBefore;
        var isolatedShift = EdgeEv(sample, isolated) - isolatedBefore;
        Assert.IsTrue(connectedShift is > 2.5 and < 3.2, $"a connected particle charged to 3.7 V vs Li-In: edge +{connectedShift:F2} eV (about 3 eV)");
        Assert.AreEqual(0, isolatedShift, 0.1, "an isolated particle keeps its edge");
    }

    [TestMethod]
    public void PopulationsAt_BeamAcrossTwoParticles_WeightsEachByItsOverlap()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt"));
        var map = new ParticleMapSampleState(new CellSampleState(cell), new ParticleMapOptions { FootprintWidthUm = 4, FootprintHeightUm = 2 });
        // A boundary between a connected particle (left) and an isolated one (right) along x.
        var (x, y) = Centres().First(c => map.ClassAt(c.X, c.Y) == ParticleClass.WellConnected && map.ClassAt(c.X + 0.01, c.Y) == ParticleClass.Isolated);
        var boundary = x + 0.005;

        var seen = map.PopulationsAt(At(boundary - 0.001, y)); // 3 µm of the 4 µm footprint on the left particle

        Assert.HasCount(2, seen);
        Assert.AreEqual(0.75, seen[0].Fraction, 1e-9, "the left (connected) particle's share of the footprint");
        Assert.AreEqual(0.25, seen[1].Fraction, 1e-9);
    }

    [TestMethod]
    public void PopulationsAt_BeamOverMoreParticlesThanTheLimit_SeesTheElectrodesMixture()
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt"));
        var mixture = new CellSampleState(cell);
        var map = new ParticleMapSampleState(mixture, new ParticleMapOptions { FootprintWidthUm = 2000, FootprintHeightUm = 2000, MaxParticlesPerFootprint = 10_000 });

        var seen = map.PopulationsAt(At(0, 0));

        CollectionAssert.AreEqual(mixture.PopulationsAt(At(0, 0)).ToList(), seen.ToList());
    }

    [TestMethod]
    [DataRow(0.0, 5.0, "ParticleDiameterUm = 0 µm; allowed: 0.01..1000 µm")]
    [DataRow(10.0, -1.0, "FootprintWidthUm = -1 µm; allowed: 0.001..100000 µm")]
    public void Constructor_OptionOutOfRange_NamesItValueAndRange(double particleUm, double widthUm, string expected)
    {
        var cell = new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt"));

        var ex = Assert.ThrowsExactly<ArgumentException>(() => new ParticleMapSampleState(new CellSampleState(cell),
            new ParticleMapOptions { ParticleDiameterUm = particleUm, FootprintWidthUm = widthUm }));

        StringAssert.Contains(ex.Message, expected);
    }

    /// <summary>Edge position at <paramref name="spot"/>: the energy of the steepest rise of μ(E), eV above 8333.</summary>
    private static double EdgeEv(XanesSample sample, (double X, double Y) spot)
    {
        var at = At(spot.X, spot.Y);
        var energies = Enumerable.Range(0, 301).Select(i => 8320 + (i * 0.1)).ToList();
        var mu = energies.Select(e => sample.AbsorptionAt(e, at).TotalMuT).ToList();
        var best = Enumerable.Range(1, energies.Count - 2).MaxBy(i => mu[i + 1] - mu[i - 1]);
        return energies[best] - 8333;
    }
}
