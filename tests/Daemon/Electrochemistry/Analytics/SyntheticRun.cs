using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Analytics;

/// <summary>
/// Builds a deterministic sample stream step by step from analytic current and voltage functions of the step time,
/// the way a potentiostat channel samples: every <see cref="PeriodS"/> seconds and at every step end (off the grid
/// when the step length is not a multiple of the period), plus a sample at the run start. The samples' cumulative
/// <see cref="SampleRecord.ChargeAh"/> is the exact integral of the true current (Simpson's rule on a fine grid,
/// exact for polynomials up to cubic), like a device's own coulomb counter.
/// </summary>
internal sealed class SyntheticRun(double periodS, string runId = "run-1")
{
    private const double T0 = 1_700_000_000;
    private readonly List<SampleRecord> _samples = [];
    private double _timeS;
    private double _chargeAh;
    private int _stepIndex = -1;

    public double PeriodS { get; } = periodS;

    public IReadOnlyList<SampleRecord> Samples => _samples;

    public double ElapsedS => _timeS;

    /// <summary>The device's cumulative charge at the end of the stream.</summary>
    public double ChargeAh => _chargeAh;

    /// <summary>
    /// Appends a step. <paramref name="sampleAtStart"/> adds a sample at step time 0 (some devices record one);
    /// <paramref name="measuredCurrentA"/> is what the samples report (default: the true current).
    /// </summary>
    public SyntheticRun Step(
        int cycle,
        string label,
        double durationS,
        Func<double, double> currentA,
        Func<double, double> voltageV,
        bool sampleAtStart = false,
        Func<double, double>? measuredCurrentA = null)
    {
        _stepIndex++;
        measuredCurrentA ??= currentA;
        var startS = _timeS;
        var startAh = _chargeAh;
        if (_samples.Count == 0 || sampleAtStart)
        {
            Add(startS, 0, voltageV(0), measuredCurrentA(0), startAh, label, cycle);
        }

        var previous = 0.0;
        var k = 1;
        while (true)
        {
            var t = Math.Min(k * PeriodS, durationS);
            startAh += IntegralAh(currentA, previous, t);
            Add(startS + t, t, voltageV(t), measuredCurrentA(t), startAh, label, cycle);
            previous = t;
            if (t >= durationS)
            {
                break;
            }

            k++;
        }

        _timeS = startS + durationS;
        _chargeAh = startAh;
        return this;
    }

    /// <summary>A constant-current step with a voltage function.</summary>
    public SyntheticRun Cc(int cycle, double currentA, double durationS, Func<double, double> voltageV, bool sampleAtStart = false) =>
        Step(cycle, currentA >= 0 ? "charge" : "discharge", durationS, _ => currentA, voltageV, sampleAtStart);

    private void Add(double t, double stepTimeS, double v, double i, double q, string label, int cycle) =>
        _samples.Add(new SampleRecord(_samples.Count + 1, runId, "ch1", T0 + t, v, i, q, _stepIndex, label, cycle, stepTimeS));

    private static double IntegralAh(Func<double, double> f, double a, double b)
    {
        const int n = 64; // even
        var h = (b - a) / n;
        var sum = f(a) + f(b);
        for (var j = 1; j < n; j++)
        {
            sum += f(a + (j * h)) * (j % 2 == 1 ? 4 : 2);
        }

        return sum * h / 3 / 3600;
    }
}
