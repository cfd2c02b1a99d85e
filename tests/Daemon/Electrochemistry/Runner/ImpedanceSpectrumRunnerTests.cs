using System.Numerics;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Runner;

/// <summary>
/// Every impedance sweep a run measures is stored (table impedance_spectra) with the cell state at its start (the last
/// sample before it) and end (its last sample) and an equivalent-circuit fit that reproduces the simulated cell's own
/// impedance; the rows read back the same from a reopened store.
/// </summary>
[TestClass]
public sealed class ImpedanceSpectrumRunnerTests
{
    private const string Protocol = """
        name: eis after charge and discharge
        steps:
          - Charge at 0.3 mA until 4.3 V or 20 min
          - peis: { at: ocv, from: 1 MHz, to: 100 mHz, points_per_decade: 10, amplitude: 7 mV }
          - Discharge at 0.3 mA until 2.5 V or 20 min
          - peis: { at: ocv, from: 1 MHz, to: 100 mHz, points_per_decade: 10, amplitude: 7 mV }
        """;

    [TestMethod]
    public async Task Run_TwoSweeps_StoredWithStartAndEndStateAndAFitMatchingTheCell()
    {
        await using var rig = await RunnerRig.CreateAsync();
        var cell = new LumpedCellModel(CellPresets.Load("nmc83-lpscl-limg-60c") with { InitialStateOfCharge = 0.5 });
        var runner = await rig.AddChannelAsync(cell, samplePeriodS: 1);
        var runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(ProtocolParser.Parse(Protocol, "eis.yaml"), "eis.yaml", ct);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        var samples = await rig.ReadSamplesAsync(runId);
        var points = await rig.Store.ReadImpedanceAsync(runId, CancellationToken.None);
        var spectra = await new ImpedanceSpectrumStore(rig.Store).ReadRunAsync(runId, CancellationToken.None);
        Assert.HasCount(2, spectra);
        CollectionAssert.AreEqual(new[] { 1, 3 }, spectra.Select(s => s.StepIndex).ToArray(), "the two EIS steps");
        foreach (var s in spectra)
        {
            var own = points.Where(p => p.StepIndex == s.StepIndex).ToList();
            Assert.AreEqual(71, s.PointCount, "7 decades at 10 points per decade, both ends");
            Assert.HasCount(s.PointCount, own, "the stored points of the step");
            Assert.AreEqual(0.1, s.MinFrequencyHz, 1e-12, $"step {s.StepIndex}: the window measured");
            Assert.AreEqual(1e6, s.MaxFrequencyHz, 1e-5, $"step {s.StepIndex}: the window measured");

            var before = samples.Last(x => x.StepIndex < s.StepIndex);
            var last = samples.Last(x => x.StepIndex == s.StepIndex);
            Assert.AreEqual(new CellStateAt(before.TimeUnixS, before.VoltageV, before.CurrentA, before.ChargeAh, s.Cycle), s.Start,
                $"step {s.StepIndex}: the state at the start is the previous step's end point");
            Assert.AreEqual(new CellStateAt(last.TimeUnixS, last.VoltageV, last.CurrentA, last.ChargeAh, s.Cycle), s.End,
                $"step {s.StepIndex}: the state at the end is the sweep's last sample");
            Assert.IsGreaterThan(s.Start.TimeUnixS, s.End.TimeUnixS);

            Assert.AreEqual(ChannelRunner.DefaultImpedanceCircuit, s.Circuit);
            Assert.AreEqual(nameof(FitStatus.Converged), s.FitStatus, s.FitMessage);
            Assert.IsTrue(s.FitIsGood, s.FitMessage);
            Assert.IsLessThan(0.02, s.RmsResidual, s.FitMessage);

            // The fitted circuit reproduces the simulated cell's true impedance across the window.
            var circuit = EquivalentCircuit.Parse(s.Circuit);
            CollectionAssert.AreEqual(circuit.Parameters.Select(p => p.Name).ToArray(), s.Parameters.Select(p => p.Name).ToArray());
            var values = s.Parameters.Select(p => p.Value).ToArray();
            foreach (var p in own)
            {
                var truth = cell.ImpedanceOhm(p.FrequencyHz);
                var model = circuit.ImpedanceOhm(p.FrequencyHz, values);
                Assert.IsLessThan(0.05 * truth.Magnitude, Complex.Abs(model - truth), $"step {s.StepIndex}, {p.FrequencyHz} Hz: model {model}, cell {truth}");
            }
        }

        Assert.IsGreaterThan(spectra[1].Start.ChargeAh, spectra[0].Start.ChargeAh, "charged before the first sweep, discharged before the second");

        var reopened = await rig.ReopenStoreAsync();
        var again = await new ImpedanceSpectrumStore(reopened).ReadRunAsync(runId, CancellationToken.None);
        Assert.HasCount(2, again);
        for (var i = 0; i < 2; i++)
        {
            Assert.AreEqual(spectra[i] with { Parameters = [] }, again[i] with { Parameters = [] }, "reads back the same");
            CollectionAssert.AreEqual(spectra[i].Parameters.ToArray(), again[i].Parameters.ToArray());
        }
    }
    [TestMethod]
    public async Task Run_StepNamesItsCircuit_ThatCircuitIsFittedAndStored()
    {
        const string modelCircuit = "R0-p(R1,CPE1)-p(R2,CPE2)-p(R3,CPE3)-W1-C1";
        var yaml = $"""
            name: eis with a circuit of its own
            steps:
              - Rest for 10 min
              - peis: {"{"} at: ocv, from: 1 MHz, to: 100 mHz, points_per_decade: 10, amplitude: 7 mV, circuit: '{modelCircuit}' {"}"}
              - peis: {"{"} at: ocv, from: 100 kHz, to: 1 Hz, points_per_decade: 5, amplitude: 7 mV {"}"}
            """;
        await using var rig = await RunnerRig.CreateAsync();
        var cell = new LumpedCellModel(CellPresets.Load("nmc811-lpscl-liin-rt") with { InitialStateOfCharge = 0.5 });
        var runner = await rig.AddChannelAsync(cell, samplePeriodS: 1);
        var runId = "";
        rig.Run(async ct =>
        {
            runId = await runner.StartAsync(ProtocolParser.Parse(yaml, "circuit.yaml"), "circuit.yaml", ct);
            await runner.Completion;
        });

        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        var spectra = await new ImpedanceSpectrumStore(rig.Store).ReadRunAsync(runId, CancellationToken.None);
        Assert.HasCount(2, spectra);
        Assert.AreEqual(EquivalentCircuit.Parse(modelCircuit).Text, spectra[0].Circuit, "the step's own circuit");
        Assert.AreEqual(EquivalentCircuit.Parse(modelCircuit).Parameters.Count, spectra[0].Parameters.Count);
        Assert.IsTrue(spectra[0].FitIsGood, spectra[0].FitMessage);
        Assert.AreEqual(ChannelRunner.DefaultImpedanceCircuit, spectra[1].Circuit, "no circuit named: the runner's default");
        Assert.AreEqual(26, spectra[1].PointCount, "5 decades at 5 points per decade, both ends");
    }

    [TestMethod]
    public void Parse_CircuitThatIsNotOne_RejectedNamingFileLineAndField()
    {
        const string yaml = """
            name: bad circuit
            steps:
              - peis: { at: ocv, from: 1 MHz, to: 1 Hz, points_per_decade: 5, amplitude: 7 mV, circuit: 'R0-p(R1,CPE1' }
            """;

        var ex = Assert.ThrowsExactly<ProtocolException>(() => ProtocolParser.Parse(yaml, "bad.yaml"));

        StringAssert.StartsWith(ex.Message, "bad.yaml:3: steps[0].peis.circuit: 'R0-p(R1,CPE1' is not an equivalent circuit");
    }
}
