using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

[TestClass]
public sealed class SimulatedRingTests
{
    [TestMethod]
    public void ReadAsync_TopUpMode_ShowsASawtooth()
    {
        var rig = new BeamlineRig(ring: new SimulatedRingOptions { NominalCurrentMa = 300, LifetimeH = 10, TopUpIntervalS = 600, RandomDumpsPerHour = 0 });

        var readings = rig.Run(async ct =>
        {
            var r = new List<BeamReading>();
            foreach (double wait in new[] { 0.0, 599, 2, 597 })
            {
                await rig.WaitAsync(wait, ct);
                r.Add(await rig.Ring.ReadAsync(ct));
            }

            return r;
        });

        Assert.AreEqual(300, readings[0].RingCurrentMa, 1e-9);
        Assert.AreEqual(300 * Math.Exp(-599.0 / 36000), readings[1].RingCurrentMa, 1e-9, "decays with the 10 h lifetime");
        Assert.AreEqual(300 * Math.Exp(-1.0 / 36000), readings[2].RingCurrentMa, 1e-9, "topped up at 600 s");
        Assert.AreEqual(300 * Math.Exp(-598.0 / 36000), readings[3].RingCurrentMa, 1e-9);
        Assert.IsTrue(readings.All(r => r.BeamAvailable));
        Assert.AreEqual(rig.Clock.GetUtcNow(), readings[3].Timestamp);
    }

    [TestMethod]
    public void ReadAsync_ScheduledDump_NoBeamUntilTheRefillEnds()
    {
        var rig = new BeamlineRig(ring: new SimulatedRingOptions
        {
            RandomDumpsPerHour = 0, ScheduledDumpsAfterS = [3000], RefillDelayS = 1800, RefillDurationS = 300,
        });

        var r = rig.Run(async ct =>
        {
            var list = new List<BeamReading>();
            foreach (double at in new[] { 2999.0, 3000.5, 4700, 4950, 5101 })
            {
                await rig.WaitAsync(at - rig.ElapsedS, ct);
                list.Add(await rig.Ring.ReadAsync(ct));
            }

            return list;
        });

        Assert.IsTrue(r[0].BeamAvailable && r[0].RingCurrentMa > 290, "before the dump");
        Assert.IsFalse(r[1].BeamAvailable, "dumped");
        Assert.AreEqual(0, r[1].RingCurrentMa, 1e-9, "~0 mA after the dump");
        Assert.IsFalse(r[2].BeamAvailable, "still down during the refill delay");
        Assert.IsFalse(r[3].BeamAvailable, "refilling: current ramps, no beam yet");
        Assert.AreEqual(150, r[3].RingCurrentMa, 1e-6, "half-way through the refill ramp");
        Assert.IsTrue(r[4].BeamAvailable, "recovered after delay plus refill");
        Assert.AreEqual(300, r[4].RingCurrentMa, 0.1);
    }

    [TestMethod]
    public void FirstDumpBetween_RandomDumps_RateMatchesAndSeedRepeats()
    {
        var options = new SimulatedRingOptions { RandomDumpsPerHour = 0.5, RefillDelayS = 60, RefillDurationS = 60, Seed = 5 };
        var clock = new OperandoRig.Simulators.Time.VirtualTimeProvider();
        var a = new SimulatedRing(options, clock);
        var b = new SimulatedRing(options, clock);

        var dumps = Dumps(a, 1000);

        CollectionAssert.AreEqual(dumps, Dumps(b, 1000), "same seed, same dumps");
        Assert.AreEqual(500, dumps.Count, 5 * Math.Sqrt(500), "0.5 per hour over 1000 h");
        Assert.AreNotEqual(dumps[0], Dumps(new SimulatedRing(options with { Seed = 6 }, clock), 10).FirstOrDefault());
    }

    [TestMethod]
    public void DeliveredChargeMaS_AcrossTopUpsAndADump_IntegratesOnlyDeliveredBeam()
    {
        var clock = new OperandoRig.Simulators.Time.VirtualTimeProvider();
        var ring = new SimulatedRing(new SimulatedRingOptions { LifetimeH = double.PositiveInfinity, RandomDumpsPerHour = 0, ScheduledDumpsAfterS = [1000], RefillDelayS = 100, RefillDurationS = 100 }, clock);
        var t0 = ring.StartedAt;

        Assert.AreEqual(300 * 1000, ring.DeliveredChargeMaS(t0, t0.AddSeconds(1000)), 1e-6);
        Assert.AreEqual(300 * 1000 + 300 * 300, ring.DeliveredChargeMaS(t0, t0.AddSeconds(1500)), 1e-6, "no beam from 1000 s to 1200 s");
    }

    private static List<DateTimeOffset> Dumps(SimulatedRing ring, double hours)
    {
        var list = new List<DateTimeOffset>();
        var from = ring.StartedAt;
        var end = ring.StartedAt.AddHours(hours);
        while (ring.FirstDumpBetween(from, end) is { } dump)
        {
            list.Add(dump);
            from = dump;
        }

        return list;
    }
}
