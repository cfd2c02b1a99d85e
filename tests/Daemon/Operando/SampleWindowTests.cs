using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Operando;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Operando;

[TestClass]
public sealed class SampleWindowTests
{
    private static readonly SocCounter Soc = new(new SocReference(1e-3, 0.1));

    private static SampleRecord S(double t, double v, double i, double q, int step = 0, string label = "charge") =>
        new(0, "run", "ch1", t, v, i, q, step, label, 1, 0);

    [TestMethod]
    public void TryInterpolate_BetweenSamplesOfOneStep_IsLinearInChargeVoltageAndCurrent()
    {
        var w = new SampleWindow();
        w.Add(S(100, 3.6, 1e-4, 2e-4));
        w.Add(S(110, 3.7, 1e-4, 3e-4));

        Assert.AreEqual(TagOutcome.Interpolated, w.TryInterpolate(102.5, Soc, out var s));

        Assert.AreEqual(2.25e-4, s!.ChargeAh, 1e-15);
        Assert.AreEqual(0.1 + 0.225, s.Soc, 1e-12, "SOC = start + Q / capacity");
        Assert.AreEqual(3.625, s.VoltageV, 1e-12);
        Assert.AreEqual(102.5, s.TimeUnixS);
    }

    [TestMethod]
    public void TryInterpolate_AcrossAStepChange_TakesTheNewStepsVoltageCurrentAndLabel()
    {
        var w = new SampleWindow();
        w.Add(S(100, 4.0, 1e-4, 5e-4, 0, "charge"));
        w.Add(S(110, 3.9, 0, 5e-4, 1, "rest"));

        w.TryInterpolate(105, Soc, out var s);

        Assert.AreEqual(1, s!.StepIndex);
        Assert.AreEqual("rest", s.StepLabel);
        Assert.AreEqual(3.9, s.VoltageV);
        Assert.AreEqual(5e-4, s.ChargeAh);
    }

    [TestMethod]
    public void TryInterpolate_AfterTheNewestSample_IsNotYetUntilTheWindowCompletes()
    {
        var w = new SampleWindow();
        w.Add(S(100, 3.6, 1e-4, 2e-4));

        Assert.AreEqual(TagOutcome.NotYet, w.TryInterpolate(101, Soc, out _));
        Assert.AreEqual(TagOutcome.BeforeWindow, w.TryInterpolate(99, Soc, out _));
        w.Complete();
        Assert.AreEqual(TagOutcome.LastKnown, w.TryInterpolate(101, Soc, out var s));
        Assert.AreEqual(2e-4, s!.ChargeAh);
    }

    [TestMethod]
    public void TagAsync_PointAfterTheNewestSample_WaitsForTheNextSampleOnTheClock()
    {
        var clock = new VirtualTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(1000));
        var w = new SampleWindow();
        var tagger = new CellStateTagger(w, Soc, clock);
        w.Add(S(990, 3.6, 1e-4, 1e-4));
        w.Add(S(1000, 3.6, 1e-4, 2e-4));
        CellStateSnapshot? tag = null;
        double taggedAtS = 0;

        new SimulationLoop(clock).Run(async ct =>
        {
            var producer = ProduceAsync();
            tag = await tagger.TagAsync(DateTimeOffset.UnixEpoch.AddSeconds(1004), ct);
            taggedAtS = (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;
            await producer;

            async Task ProduceAsync()
            {
                await Task.Delay(TimeSpan.FromSeconds(10), clock, ct);
                w.Add(S(1010, 3.7, 1e-4, 3e-4));
            }
        });

        Assert.AreEqual(1010, taggedAtS, 1e-9, "the tag waited for the sample closing the bracket");
        Assert.AreEqual(2.4e-4, tag!.ChargeAh, 1e-15);
        Assert.AreEqual(0, tagger.LateTags);
    }

    [TestMethod]
    public void TagAsync_NoFurtherSample_UsesTheNewestStateAfterThreeIntervals()
    {
        var clock = new VirtualTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(1000));
        var w = new SampleWindow();
        var tagger = new CellStateTagger(w, Soc, clock);
        w.Add(S(990, 3.6, 1e-4, 1e-4));
        w.Add(S(1000, 3.6, 1e-4, 2e-4));

        var tag = new SimulationLoop(clock).Run(ct => tagger.TagAsync(DateTimeOffset.UnixEpoch.AddSeconds(1004), ct).AsTask());

        Assert.AreEqual(1030, (clock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds, 1e-9);
        Assert.AreEqual(2e-4, tag!.ChargeAh);
        Assert.AreEqual(1, tagger.LateTags);
    }
}
