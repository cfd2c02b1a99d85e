using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Analytics;
using OperandoRig.Simulators.Cell;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Analytics;

/// <summary>The analyzer on samples of the project's cell model (Li–Mg | Li6PS5Cl | NMC83, 60 °C, 2.6–4.25 V).</summary>
[TestClass]
public sealed class CycleAnalyzerCellModelTests
{
    private const string Preset = "nmc83-lpscl-limg-60c";
    private const double PeriodS = 10;
    private const double UpperV = 4.25;
    private const double LowerV = 2.6;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Summarize_TwoC10CyclesOfNmc83Model_MatchesTheModelsChargeAndThePapersEfficiency()
    {
        var parameters = CellPresets.Load(Preset);
        var cell = new LumpedCellModel(parameters);
        var loop = new SamplingLoop(cell);
        var rateA = cell.NominalCapacityAh / 10;
        var passed = new List<(double ChargeAh, double DischargeAh)>();
        for (var cycle = 1; cycle <= 2; cycle++)
        {
            var chargeAh = loop.ConstantCurrent(cycle, rateA, v => v >= UpperV);
            loop.ConstantCurrent(cycle, 0, _ => false, maxS: 600);
            var dischargeAh = -loop.ConstantCurrent(cycle, -rateA, v => v <= LowerV);
            loop.ConstantCurrent(cycle, 0, _ => false, maxS: 600);
            passed.Add((chargeAh, dischargeAh));
        }

        var summaries = CycleAnalyzer.Summarize(loop.Samples, new CycleAnalyzerOptions { ActiveMassKg = parameters.ActiveMassKg });

        Assert.HasCount(2, summaries);
        for (var n = 0; n < 2; n++)
        {
            var s = summaries[n];
            TestContext.WriteLine(FormattableString.Invariant(
                $"cycle {s.Cycle}: charge {s.SpecificChargeCapacityMilliampHoursPerGram:F1} mAh/g, discharge {s.SpecificDischargeCapacityMilliampHoursPerGram:F1} mAh/g, CE {s.CoulombicEfficiency:P2}, hysteresis {s.VoltageHysteresisV:F3} V, {s.DurationS / 3600:F1} h"));
            // The run-start sample reads 0 A, so the first interval counts half: 5 s of ~10 h, well within 0.1 %.
            Assert.AreEqual(passed[n].ChargeAh, s.ChargeCapacityAh, passed[n].ChargeAh * 1e-3);
            Assert.AreEqual(passed[n].DischargeAh, s.DischargeCapacityAh, passed[n].DischargeAh * 1e-6);
            Assert.AreEqual(s.ReportedNetChargeAh, s.NetChargeAh, s.ChargeCapacityAh * 1e-3);
        }

        // Paper: 218 mAh/g at 0.1C, first-cycle CE 84 %, mean-voltage gap ≈ 0.2 V.
        Assert.AreEqual(0.84, summaries[0].CoulombicEfficiency, 0.03);
        Assert.AreEqual(218, summaries[0].SpecificDischargeCapacityMilliampHoursPerGram!.Value, 218 * 0.05);
        Assert.AreEqual(0.2, summaries[0].VoltageHysteresisV, 0.07);
        Assert.IsGreaterThan(summaries[0].CoulombicEfficiency, summaries[1].CoulombicEfficiency, "formation is a first-cycle loss");
        Assert.IsLessThan(1.01, summaries[1].CoulombicEfficiency);
    }

    /// <summary>
    /// Drives the model in 10 s steps and records a sample after each one, like the simulated channel: a sample at
    /// the run start (0 A), one per period, one at each step end, none at a step start.
    /// </summary>
    private sealed class SamplingLoop(LumpedCellModel cell)
    {
        private readonly List<SampleRecord> _samples = [];
        private double _timeS;
        private double _chargeAh;
        private int _step = -1;

        public IReadOnlyList<SampleRecord> Samples => _samples;

        /// <summary>Applies <paramref name="currentA"/> until <paramref name="done"/>(V) or maxS; returns ∫I dt in Ah.</summary>
        public double ConstantCurrent(int cycle, double currentA, Func<double, bool> done, double maxS = 30 * 3600)
        {
            _step++;
            if (_samples.Count == 0)
            {
                Record(cycle, cell.TerminalVoltageV, 0, 0);
            }

            double stepTimeS = 0, passedAh = 0;
            while (stepTimeS < maxS)
            {
                var v = cell.AdvanceWithCurrent(currentA, PeriodS);
                stepTimeS += PeriodS;
                _timeS += PeriodS;
                passedAh += currentA * PeriodS / 3600;
                _chargeAh += currentA * PeriodS / 3600;
                Record(cycle, v, currentA, stepTimeS);
                if (done(v))
                {
                    break;
                }
            }

            return passedAh;
        }

        private void Record(int cycle, double v, double i, double stepTimeS) =>
            _samples.Add(new SampleRecord(_samples.Count + 1, "run-1", "ch1", 1_700_000_000 + _timeS, v, i, _chargeAh,
                _step, i > 0 ? "charge" : i < 0 ? "discharge" : "rest", cycle, stepTimeS));
    }
}
