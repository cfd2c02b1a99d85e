using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Potentiostat;

[TestClass]
public sealed class SimulatedChannelImpedanceTests
{
    private static ChannelStep Peis(ImpedanceSweep sweep) =>
        new(StepKind.PotentiostaticImpedance, 0, 0, [], "peis", 1, sweep, HoldAtPresentVoltage: true);

    private static (SimulatedChannel Channel, LumpedCellModel Cell, VirtualTimeProvider Clock) PresetChannel(double voltageNoiseV = 0)
    {
        var clock = new VirtualTimeProvider();
        var cell = new LumpedCellModel(CellPresets.Load("nmc83-lpscl-limg-60c") with { InitialStateOfCharge = 0.5 });
        var channel = new SimulatedChannel(new SimulatedChannelOptions { VoltageNoiseV = voltageNoiseV, CurrentNoiseA = 0 }, cell, clock);
        return (channel, cell, clock);
    }

    private static List<ChannelRecord> Run(SimulatedChannel channel, VirtualTimeProvider clock, params ChannelStep[] steps)
    {
        var records = new List<ChannelRecord>();
        new SimulationLoop(clock).Run(async ct =>
        {
            await channel.LoadAsync(steps, ct);
            await channel.StartAsync(ct);
            await foreach (var r in channel.ReadRecordsAsync(ct))
            {
                records.Add(r);
            }
        });
        return records;
    }

    [TestMethod]
    public void Capabilities_ImpedanceCell_DeclaresEisAndItsRange()
    {
        var (channel, _, _) = PresetChannel();
        Assert.Contains(StepKind.PotentiostaticImpedance, channel.Capabilities.StepKinds);
        Assert.AreEqual(1e6, channel.Capabilities.ImpedanceFrequencyRangeHz!.Value.Max);

        var thevenin = new ChannelHarness().Channel;
        Assert.DoesNotContain(StepKind.PotentiostaticImpedance, thevenin.Capabilities.StepKinds);
        Assert.IsNull(thevenin.Capabilities.ImpedanceFrequencyRangeHz);
    }

    [TestMethod]
    public void Peis_SweepAtOpenCircuit_MeasuresTheCellsImpedanceAtEveryFrequencyInTime()
    {
        var (channel, cell, clock) = PresetChannel();
        var start = clock.GetUtcNow();
        var sweep = new ImpedanceSweep(1e6, 0.1, 10, 7e-3);
        var expected = sweep.Frequencies();

        var records = Run(channel, clock, Peis(sweep));

        var points = records.OfType<ImpedancePoint>().ToList();
        CollectionAssert.AreEqual(expected.ToArray(), points.Select(p => p.FrequencyHz).ToArray());
        Assert.HasCount(71, points);
        // Noise-free, so each point is the cell's impedance at its state then; the cell relaxes a little
        // during the sweep, hence the comparison with its state now within 0.1 %.
        for (var i = 0; i < points.Count; i++)
        {
            var truth = cell.ImpedanceOhm(points[i].FrequencyHz);
            Assert.AreEqual(truth.Real, points[i].RealOhm, 1e-3 * truth.Magnitude, $"Z' at {points[i].FrequencyHz} Hz");
            Assert.AreEqual(truth.Imaginary, points[i].ImaginaryOhm, 1e-3 * truth.Magnitude, $"Z'' at {points[i].FrequencyHz} Hz");
        }

        // Each point takes 3 periods (at least 0.2 s): the sweep's length is their sum.
        var duration = expected.Sum(f => Math.Max(0.2, 3 / f));
        var end = records.OfType<ChannelFinished>().Single();
        Assert.AreEqual(duration, (end.Timestamp - start).TotalSeconds, 1e-3);
        Assert.IsTrue(points.Zip(points.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp));
        var maxDcA = records.OfType<ChannelSample>().Max(s => Math.Abs(s.CurrentA));
        // Held at its open-circuit voltage the fresh cell draws only its side-reaction (interphase formation) current.
        Assert.IsLessThan(cell.NominalCapacityAh / 100, maxDcA, $"PEIS at open-circuit voltage must stay below C/100 DC; max {maxDcA:G3} A");
    }

    [TestMethod]
    public void Peis_MeasurementNoise_ShrinksWithLargerAmplitude()
    {
        static double Scatter(double amplitudeV)
        {
            var (channel, cell, clock) = PresetChannel(voltageNoiseV: 50e-6);
            var points = Run(channel, clock, Peis(new ImpedanceSweep(1e5, 1, 10, amplitudeV))).OfType<ImpedancePoint>().ToList();
            return Math.Sqrt(points.Average(p =>
            {
                var z = cell.ImpedanceOhm(p.FrequencyHz);
                return Math.Pow((p.RealOhm - z.Real) / z.Magnitude, 2);
            }));
        }

        var small = Scatter(1e-3);
        var large = Scatter(10e-3);
        Assert.IsGreaterThan(0, large);
        Assert.AreEqual(10, small / large, 4, $"relative scatter {small:G3} at 1 mV vs {large:G3} at 10 mV");
    }

    [TestMethod]
    public async Task Load_SweepOutsideRange_ThrowsCapabilityExceptionNamingFrequencyAndRange()
    {
        var (channel, _, _) = PresetChannel();
        var ex = await Assert.ThrowsExactlyAsync<CapabilityException>(() =>
            channel.LoadAsync([Peis(new ImpedanceSweep(1e7, 0.1, 10, 7e-3))], CancellationToken.None));
        Assert.AreEqual("ch1: step 0 (peis): start frequency 1E+07 Hz is outside the channel's EIS range 1E-05..1E+06 Hz", ex.Message);
    }

    [TestMethod]
    public async Task Load_AmplitudeTooLarge_ThrowsCapabilityException()
    {
        var (channel, _, _) = PresetChannel();
        var ex = await Assert.ThrowsExactlyAsync<CapabilityException>(() =>
            channel.LoadAsync([Peis(new ImpedanceSweep(1e5, 1, 10, 0.5))], CancellationToken.None));
        StringAssert.Contains(ex.Message, "amplitude 0.5 V is outside 0..0.1 V");
    }

    [TestMethod]
    public async Task Load_EisOnCellWithoutImpedance_ThrowsCapabilityException()
    {
        var channel = new ChannelHarness().Channel;
        var ex = await Assert.ThrowsExactlyAsync<CapabilityException>(() =>
            channel.LoadAsync([Peis(new ImpedanceSweep(1e5, 1, 10, 5e-3))], CancellationToken.None));
        StringAssert.Contains(ex.Message, "step kind PotentiostaticImpedance is not supported");
    }
}
