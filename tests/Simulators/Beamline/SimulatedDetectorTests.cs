using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Simulators.Beamline;

namespace OperandoRig.Simulators.Tests.Beamline;

[TestClass]
public sealed class SimulatedDetectorTests(TestContext testContext)
{
    private const string I0 = SimulatedDetector.I0;
    private const string It = SimulatedDetector.It;

    [TestMethod]
    public void TriggerAsync_RepeatedAtOneEnergy_VarianceEqualsMean()
    {
        var rig = new BeamlineRig(ring: BeamlineRig.SteadyRing, beam: new BeamPathOptions { FluxAtPeakPhotonsPerS = 1e5 });

        var i0 = rig.Run(async ct =>
        {
            await rig.Mono.MoveAsync(8400, ct);
            var values = new List<double>();
            for (int i = 0; i < 2000; i++)
            {
                values.Add((await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(0.1), ct))[I0]);
            }

            return values;
        });

        double mean = i0.Average();
        double variance = i0.Sum(v => (v - mean) * (v - mean)) / (i0.Count - 1);
        testContext.WriteLine(FormattableString.Invariant($"I0 over 2000 counts: mean {mean:F2}, variance {variance:F2}, ratio {variance / mean:F3}"));
        Assert.AreEqual(1.0, variance / mean, 0.15, $"I0 mean {mean:F1}, variance {variance:F1}");
    }

    [TestMethod]
    public void TriggerAsync_FourTimesTheCountTime_HalvesTheNoiseOfTheNormalisedSignal()
    {
        var rig = new BeamlineRig(ring: BeamlineRig.SteadyRing, beam: new BeamPathOptions { FluxAtPeakPhotonsPerS = 1e6 });

        var (shortStd, longStd, shortRel, longRel) = rig.Run(async ct =>
        {
            await rig.Mono.MoveAsync(8400, ct);
            var a = await SampleAsync(0.1);
            var b = await SampleAsync(0.4);
            return (Std(a.Mu), Std(b.Mu), Std(a.I0) / a.I0.Average(), Std(b.I0) / b.I0.Average());

            async Task<(List<double> Mu, List<double> I0)> SampleAsync(double seconds)
            {
                var mu = new List<double>();
                var i0 = new List<double>();
                for (int i = 0; i < 1500; i++)
                {
                    var c = await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(seconds), ct);
                    mu.Add(Math.Log(c[I0] / c[It]));
                    i0.Add(c[I0]);
                }

                return (mu, i0);
            }
        });

        testContext.WriteLine(FormattableString.Invariant($"std ln(I0/It): {shortStd:E3} (0.1 s) / {longStd:E3} (0.4 s) = {shortStd / longStd:F3}; I0 relative noise ratio {shortRel / longRel:F3}"));
        Assert.AreEqual(2.0, shortStd / longStd, 0.2, $"std of ln(I0/It): {shortStd:E3} at 0.1 s, {longStd:E3} at 0.4 s");
        Assert.AreEqual(2.0, shortRel / longRel, 0.2, $"relative noise of I0: {shortRel:E3} at 0.1 s, {longRel:E3} at 0.4 s");
    }

    [TestMethod]
    public void TriggerAsync_ShutterClosed_CountsOnlyDarkCounts()
    {
        var rig = new BeamlineRig(shutter: new SimulatedShutterOptions { InitiallyOpen = false });

        var counts = rig.Run(ct => rig.Detector.TriggerAsync(TimeSpan.FromSeconds(10), ct));

        foreach (var name in rig.Detector.ChannelNames)
        {
            Assert.AreEqual(100, counts[name], 5 * Math.Sqrt(100), $"{name}: 10 s at 10 dark counts/s");
        }

        Assert.IsEmpty(rig.Detector.Dose.PerSpot, "no photons, no dose");
    }

    [TestMethod]
    public void TriggerAsync_BeamDumpedShutterNotInterlocked_CountsOnlyDarkCounts()
    {
        var rig = new BeamlineRig(
            ring: new SimulatedRingOptions { RandomDumpsPerHour = 0, ScheduledDumpsAfterS = [60] },
            shutter: new SimulatedShutterOptions { InitiallyOpen = true, CloseOnBeamDump = false });

        var (before, during) = rig.Run(async ct =>
        {
            var b = await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(1), ct);
            await rig.WaitAsync(120, ct);
            var d = await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(1), ct);
            return (b, d);
        });

        Assert.IsGreaterThan(1e6, before[I0]);
        Assert.IsTrue(during.Values.All(v => v < 40), $"during the dump: {string.Join(", ", during)}");
    }

    [TestMethod]
    public void TriggerAsync_CountsAtTwoSpots_BooksDosePerSpot()
    {
        var rig = new BeamlineRig(ring: BeamlineRig.SteadyRing);

        rig.Run(async ct =>
        {
            for (int i = 0; i < 3; i++)
            {
                await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(2), ct);
            }

            await rig.Stage.MoveToAsync(new Dictionary<string, double> { ["x"] = 1.0 }, ct);
            await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(2), ct);
            await rig.Shutter.CloseAsync(ct);
            await rig.Detector.TriggerAsync(TimeSpan.FromSeconds(2), ct);
        });

        var origin = rig.Detector.Dose.At(new Dictionary<string, double> { ["x"] = 0, ["y"] = 0, ["z"] = 0 }, 5);
        var moved = rig.Detector.Dose.At(new Dictionary<string, double> { ["x"] = 1.0, ["y"] = 0, ["z"] = 0 }, 5);
        Assert.HasCount(2, rig.Detector.Dose.PerSpot);
        Assert.AreEqual(3.0, origin.DoseGy / moved.DoseGy, 1e-9, "three counts against one; the closed-shutter count adds nothing");
        Assert.AreEqual(6.0, origin.ExposureS, 1e-12);

        // 2 s at 1e9 photons/s x S(8333 eV) x 0.9 past I0, absorbed fraction 1-exp(-mu t), 8333 eV each, into 5x5x30 um at 3 g/cm3.
        var mu = rig.Sample.AbsorptionAt(8333, [new SocPopulation(1, 0)]).TotalMuT;
        double photons = 2 * 1e9 * rig.Path.Throughput(8333) * 0.9;
        double expectedGy = photons * (1 - Math.Exp(-mu)) * 8333 * 1.602176634e-19 / (3000 * 25e-12 * 30e-6);
        Assert.AreEqual(expectedGy, moved.DoseGy, expectedGy * 1e-9);
        Assert.AreEqual(photons / 25, moved.FluencePhotonsPerUm2, photons * 1e-9);
    }

    [TestMethod]
    public void StopAsync_DuringCount_TriggerFailsWithInvalidState()
    {
        var rig = new BeamlineRig();

        var error = rig.Run(async ct =>
        {
            var count = rig.Detector.TriggerAsync(TimeSpan.FromSeconds(10), ct);
            await rig.WaitAsync(3, ct);
            await rig.Detector.StopAsync(ct);
            return await BeamlineRig.CatchAsync<InvalidDeviceStateException>(() => count);
        });

        StringAssert.Contains(error.Message, "stopped after 3 s");
    }

    private static double Std(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
