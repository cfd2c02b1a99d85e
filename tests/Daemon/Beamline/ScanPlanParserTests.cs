using OperandoRig.Daemon.Beamline;

namespace OperandoRig.Daemon.Tests.Beamline;

[TestClass]
public sealed class ScanPlanParserTests
{
    private const string NiXanes = """
        name: ni
        edge: Ni K
        regions:
          - { from: -30 eV, to: -10 eV, step: 5 eV, count: 1 s }
          - { from: -10 eV, to: 20 eV, step: 0.5 eV, count: 2 s }
          - { from: 3 Å⁻¹, to: 12 1/Å, step: 0.5 /Å, count: 1 s, k_weight: 2, max_count: 10 s }
        sweeps: 2
        detectors: [det]
        settle: 20 ms
        """;

    [TestMethod]
    public void Parse_RegionsInEvAndK_EnergiesAscendRelativeToTheEdgeAndCountTimesRiseWithK()
    {
        var plan = ScanPlanParser.Parse(NiXanes, "ni.yaml");

        Assert.AreEqual("Ni K", plan.EdgeLabel);
        Assert.AreEqual(8333, plan.EdgeEnergyEv);
        Assert.AreEqual(8303, plan.Energies[0].EnergyEv, 1e-9);
        Assert.AreEqual(4 + 61, plan.Energies.Count(e => e.K is null), "-30..-10 at 5 eV shares -10 with the next region; -10..20 at 0.5 eV");
        var k = plan.Energies.Where(e => e.K is not null).ToList();
        Assert.HasCount(19, k);
        Assert.AreEqual(8333 + (3.81 * 9), k[0].EnergyEv, 1e-9, "E = E0 + 3.81 eV·Å² · k²");
        Assert.AreEqual(1.0, k[0].CountTimeS, 1e-12);
        Assert.AreEqual(Math.Min(10, Math.Pow(12.0 / 3, 2)), k[^1].CountTimeS, 1e-12, "count ∝ (k/k0)² capped at max_count");
        Assert.AreEqual(1.0 * Math.Pow(6.0 / 3, 2), k.Single(p => Math.Abs(p.K!.Value - 6) < 1e-9).CountTimeS, 1e-12);
        for (var i = 1; i < plan.Energies.Count; i++)
        {
            Assert.IsGreaterThan(plan.Energies[i - 1].EnergyEv, plan.Energies[i].EnergyEv);
        }

        Assert.AreEqual(2, plan.Sweeps);
        Assert.AreEqual(0.02, plan.SettleS, 1e-12);
        Assert.AreEqual(plan.Energies.Count * 2, plan.PointCount);
    }

    [TestMethod]
    [DataRow("regions:\n  - { from: 8300 eV, to: 8400 eV, step: 2, count: 1 s }\ndetectors: [det]", "t.yaml:2: regions[0].step: '2' has no unit")]
    [DataRow("edge: Xx K\nregions: []\ndetectors: [det]", "t.yaml:1: edge: 'Xx K' is not in the edge table; known: Ni K, Co K, Mn K")]
    [DataRow("regions:\n  - { from: 3 Å⁻¹, to: 12 Å⁻¹, step: 0.05 Å⁻¹, count: 1 s }\ndetectors: [det]", "t.yaml:2: regions[0].from: a region in k needs the edge")]
    [DataRow("edge: Ni K\nregions:\n  - { from: -20 eV, to: 40 eV, step: 1 eV, count: 1 s }\n  - { from: 1 Å⁻¹, to: 5 Å⁻¹, step: 1 Å⁻¹, count: 1 s }\ndetectors: [det]", "t.yaml:4: regions[1].from: the region starts at 8336.810 eV, below the end of the previous region (8373.000 eV)")]
    [DataRow("regions:\n  - { from: 8300 eV, to: 8400 eV, step: 2 eV, count: 1 s }\ndetectors: [det]\nsuspenders:\n  ring_current: { below: 250 mA, resume_at: 200 mA }", "t.yaml:5: suspenders.ring_current.resume_at: 200 mA is below the suspend threshold 250 mA")]
    [DataRow("regions:\n  - { from: 8300 eV, to: 8400 eV, step: 2 eV, count: 1 V }\ndetectors: [det]", "t.yaml:2: regions[0].count: '1 V' has an unknown unit 'V'; expected a duration")]
    [DataRow("regions:\n  - { from: 8300 eV, to: 8400 eV, step: 2 eV, count: 1 s }", "t.yaml:1: detectors: missing")]
    [DataRow("energies: [8300 eV]\ncount: 1 s\ndetectors: [det]\nspares: [{ name: B, x: 1 mm }]", "t.yaml:1: spares: fresh spots are only taken when a dose budget is spent")]
    [DataRow("energies: [8300 eV]\ncount: 1 s\ndetectors: [det]\nsweep: 2", "t.yaml:4: sweep: unknown field; allowed here: name, edge")]
    [DataRow("energies: [8300 eV]\ncount: 1 s\ndetectors: [det]\nsuspenders:\n  bands: [{ signal: t, within: [20 degC, 26 K] }]", "t.yaml:5: suspenders.bands[0].within: both ends must carry the signal's unit 'degC'")]
    public void Parse_BadPlan_ErrorNamesFileLineFieldAndValue(string yaml, string expected)
    {
        var ex = Assert.ThrowsExactly<ScanPlanException>(() => ScanPlanParser.Parse(yaml, "t.yaml"));
        StringAssert.StartsWith(ex.Message, expected);
    }

    [TestMethod]
    public void Parse_RasterMapWithSnake_FastAxisReversesOnOddRows()
    {
        var plan = ScanPlanParser.Parse("""
            energies: [8350 eV]
            count: 100 ms
            detectors: [det]
            map:
              y: { from: 0 mm, to: 20 µm, step: 10 µm }
              x: { from: 0 mm, to: 30 µm, step: 10 µm }
              snake: true
            """, "map.yaml");

        Assert.HasCount(12, plan.Positions);
        Assert.AreEqual(0.0, plan.Positions[0].PositionsMm["x"], 1e-12);
        Assert.AreEqual(0.03, plan.Positions[3].PositionsMm["x"], 1e-12);
        Assert.AreEqual(0.03, plan.Positions[4].PositionsMm["x"], 1e-12, "row 1 runs backwards");
        Assert.AreEqual(0.01, plan.Positions[4].PositionsMm["y"], 1e-12);
        Assert.AreEqual("map[1,3]", plan.Positions[4].Name);
    }

    [TestMethod]
    public void Expand_StackOrder_AllPositionsAtEachEnergyBeforeTheNext()
    {
        var plan = ScanPlanParser.Parse("""
            energies: [8300 eV, 8350 eV]
            count: 1 s
            detectors: [det]
            order: stack
            map:
              x: { from: 0 mm, to: 20 µm, step: 10 µm }
            """, "stack.yaml");

        var points = plan.Expand();

        CollectionAssert.AreEqual(new[] { 8300.0, 8300, 8300, 8350, 8350, 8350 }, points.Select(p => p.Energy.EnergyEv).ToArray());
        CollectionAssert.AreEqual(new[] { "map[0]", "map[1]", "map[2]", "map[0]", "map[1]", "map[2]" }, points.Select(p => p.Position.Name).ToArray());
    }
}
