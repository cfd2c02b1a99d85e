using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

[TestClass]
public sealed class ProtocolParserTests
{
    [TestMethod]
    public void Parse_SentencesWithCRates_ConvertsToSiAgainstCapacity()
    {
        var p = ProtocolParser.Parse("""
            name: t
            cell: { capacity: 2 mAh }
            steps:
              - Charge at C/10 until 4.25 V or 12 h
              - Rest for 30 min
              - Hold at 4.25 V until C/50
              - Discharge at 1 mA until 2.6 V
            """, "t.yaml");

        Assert.HasCount(4, p.Steps);
        var charge = p.Steps[0].Step;
        Assert.AreEqual(StepKind.ConstantCurrent, charge.Kind);
        Assert.AreEqual(0.2e-3, charge.CurrentA, 1e-12);
        CollectionAssert.AreEqual(
            new[] { new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrAbove, 4.25), Termination.AfterSeconds(12 * 3600) },
            charge.Terminations.ToArray());
        Assert.AreEqual(Termination.AfterSeconds(1800), p.Steps[1].Step.Terminations.Single());
        Assert.AreEqual(new Termination(TerminationQuantity.AbsCurrentA, TerminationComparison.AtOrBelow, 0.04e-3), p.Steps[2].Step.Terminations.Single());
        Assert.AreEqual(-1e-3, p.Steps[3].Step.CurrentA, 1e-12);
        Assert.AreEqual(TerminationComparison.AtOrBelow, p.Steps[3].Step.Terminations.Single().Comparison);
        Assert.AreEqual(7, p.Steps[3].SourceLine);
    }

    [TestMethod]
    public void Parse_StructuredStepsAndActiveMass_ComputeCapacityAndDensity()
    {
        var p = ProtocolParser.Parse("""
            cell: { active_mass: 8.89 mg, specific_capacity: 200 mAh/g, area: 1.267 cm2 }
            steps:
              - charge: { current: 0.2 mA/cm2, until: [voltage >= 4.25 V, time >= 10 h] }
              - cccv: { current: 1C, voltage: 4.25 V, until: current <= C/20 }
              - rest: 10 min
            """, "s.yaml");

        Assert.AreEqual(8.89e-3 * 0.2, p.Cell.CapacityAh!.Value, 1e-12);
        Assert.AreEqual(0.2e-3 * 1.267, p.Steps[0].Step.CurrentA, 1e-12);
        Assert.AreEqual(StepKind.ConstantCurrentConstantVoltage, p.Steps[1].Step.Kind);
        Assert.AreEqual(8.89e-3 * 0.2, p.Steps[1].Step.CurrentA, 1e-12);
        Assert.AreEqual(600, p.Steps[2].Step.Terminations.Single().Threshold);
    }

    [TestMethod]
    public void Parse_RepeatLoops_UnrollsAndNumbersCycles()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - Rest for 1 min
              - repeat: 3
                steps:
                  - Charge at 1 mA until 4 V
                  - Discharge at 1 mA until 3 V
              - Rest for 1 min
            """, "loop.yaml");

        Assert.HasCount(8, p.Steps);
        CollectionAssert.AreEqual(new[] { 1, 1, 1, 2, 2, 3, 3, 4 }, p.Steps.Select(s => s.Step.Cycle).ToArray());
        Assert.AreEqual("steps[1].steps[1]", p.Steps[6].Field);
        Assert.IsNull(p.MaxDurationS);
    }

    [TestMethod]
    public void Parse_ImpedanceSteps_SweepsInSiUnits()
    {
        var p = ProtocolParser.Parse("""
            steps:
              - peis: { at: ocv, from: 1 MHz, to: 100 mHz, points_per_decade: 10, amplitude: 7 mV }
              - peis: { at: 4.25 V, from: 100 kHz, to: 1 Hz, amplitude: 10 mV }
              - geis: { current: 0 A, from: 10 kHz, to: 10 mHz, points_per_decade: 5, amplitude: 10 uA }
            """, "eis.yaml");

        var ocv = p.Steps[0].Step;
        Assert.AreEqual(StepKind.PotentiostaticImpedance, ocv.Kind);
        Assert.IsTrue(ocv.HoldAtPresentVoltage);
        Assert.AreEqual(new ImpedanceSweep(1e6, 0.1, 10, 7e-3), ocv.Impedance);
        Assert.IsFalse(p.Steps[1].Step.HoldAtPresentVoltage);
        Assert.AreEqual(4.25, p.Steps[1].Step.VoltageV);
        Assert.AreEqual(10, p.Steps[1].Step.Impedance!.PointsPerDecade);
        Assert.AreEqual(StepKind.GalvanostaticImpedance, p.Steps[2].Step.Kind);
        Assert.AreEqual(10e-6, p.Steps[2].Step.Impedance!.Amplitude, 1e-15);
    }

    [TestMethod]
    public void MaxDurationS_AllStepsTimeLimited_SumsTheLimits()
    {
        var p = ProtocolParser.Parse("steps: [Rest for 1 h, 'Charge at 1 mA for 30 min']", "d.yaml");
        Assert.AreEqual(5400, p.MaxDurationS);
    }

    [TestMethod]
    [DataRow("steps: [Charge at 1 until 4 V]", 1, "steps[0]", "'1' has no unit")]
    [DataRow("steps: [Charge at C/10 until 4 V]", 1, "steps[0]", "is a C-rate, but the protocol gives no cell.capacity")]
    [DataRow("steps: [Charge at 0.2 mA/cm2 until 4 V]", 1, "steps[0]", "is a current density, but the protocol gives no cell.area")]
    [DataRow("steps: [Charge at 1 mA]", 1, "steps[0]", "never ends")]
    [DataRow("steps: [Jump at 1 mA]", 1, "steps[0]", "is not a step")]
    [DataRow("steps:\n  - Rest for 1 min\n  - Charge at 1 mA until 4 kV", 3, "steps[1]", "'4 kV' in the until clause is not")]
    [DataRow("steps:\n  - charge: { current: 1 mA, until: voltage => 4 V }", 2, "steps[0].charge.until", "is not a condition")]
    [DataRow("steps:\n  - charge: { current: 1 V, until: voltage >= 4 V }", 2, "steps[0].charge.current", "'1 V' is a voltage; expected a current")]
    [DataRow("steps:\n  - fly: { current: 1 mA }", 2, "steps[0].fly", "unknown step 'fly'")]
    [DataRow("steps:\n  - cv: { voltage: 4 V }", 2, "steps[0].cv", "never ends")]
    [DataRow("steps:\n  - repeat: 0\n    steps: [Rest for 1 s]", 2, "steps[0].repeat", "'0' must be a whole number of times")]
    [DataRow("steps:\n  - repeat: 2", 2, "steps[0].steps", "a repeat needs a non-empty list")]
    [DataRow("name: x\nstepz: []", 2, "stepz", "unknown field")]
    [DataRow("name: x", 1, "steps", "missing or empty")]
    [DataRow("cell: { capacity: 2 }\nsteps: [Rest for 1 s]", 1, "cell.capacity", "'2' has no unit")]
    [DataRow("steps: [Rest for 10 parsecs]", 1, "steps[0]", "unknown unit 'parsecs'; expected a duration")]
    [DataRow("steps: [\"Hold at 4 V until C/50\"]", 1, "steps[0]", "is a C-rate")]
    [DataRow("steps:\n  - charge: { current: 1 mA, until: 'dV/dt <= 1 furlong' }", 2, "steps[0].charge.until", "is not a voltage slope")]
    [DataRow("steps:\n  - peis: { from: 1 MHz, to: 1 Hz, amplitude: 5 mV }", 2, "steps[0].peis.at", "missing; the DC voltage: ocv")]
    [DataRow("steps:\n  - peis: { at: ocv, from: 1000, to: 1 Hz, amplitude: 5 mV }", 2, "steps[0].peis.from", "'1000' has no unit; expected a frequency")]
    [DataRow("steps:\n  - peis: { at: ocv, from: 1 MHz, to: 1 Hz, amplitude: 5 mA }", 2, "steps[0].peis.amplitude", "'5 mA' is a current; expected a voltage")]
    [DataRow("steps:\n  - geis: { current: 0 A, from: 1 MHz, to: 1 Hz, points_per_decade: 500, amplitude: 5 uA }", 2, "steps[0].geis.points_per_decade", "'500' must be a whole number in 1..100")]
    public void Parse_InvalidProtocol_NamesFileLineFieldAndValue(string yaml, int line, string field, string problem)
    {
        var ex = Assert.ThrowsExactly<ProtocolException>(() => ProtocolParser.Parse(yaml, "bad.yaml"));
        StringAssert.StartsWith(ex.Message, $"bad.yaml:{line}: {field}: ");
        StringAssert.Contains(ex.Message, problem);
    }

    [TestMethod]
    public void Parse_ExampleProtocolFiles_AllParse()
    {
        // The protocols, not the operando plans (operando-*.yaml, parsed by OperandoPlanParser).
        var dir = Path.Combine(RepoPaths.Root, "config", "experiments");
        var files = ExampleProtocolsTests.Examples().Select(e => (string)e[0]).ToArray();
        Assert.IsGreaterThan(5, files.Length);
        foreach (var file in files)
        {
            var p = ProtocolParser.Parse(File.ReadAllText(Path.Combine(dir, file)), file);
            Assert.IsNotEmpty(p.Steps, file);
        }
    }
}
