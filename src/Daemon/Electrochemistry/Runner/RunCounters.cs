using OperandoRig.Daemon.Electrochemistry.Analytics;

namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>
/// The live counters of one run: cycle, step, and charge and energy per step, per cycle and in total, split into
/// charge and discharge. Fed with every recorded sample (in order) and told of every step start; O(1) per sample,
/// allocation-free. The interval between two samples belongs to the step and cycle of the later one, as in
/// <see cref="CycleAnalyzer"/>, so the cycle tallies equal the stored cycle summaries. Not thread-safe: the runner
/// guards it.
/// </summary>
internal sealed class RunCounters
{
    private AnalyzerSample _previous;
    private bool _started;
    private bool _freshStep;
    private int _cycle;
    private int _stepIndex;
    private long _stepNumber;
    private long _sampleCount;
    private ChargeTally _step;
    private ChargeTally _cycleTally;
    private ChargeTally _total;

    /// <summary>A step starts (the device reported a transition): the step tally restarts, and the cycle's when the cycle changes.</summary>
    public void BeginStep(int stepIndex, int cycle)
    {
        _stepNumber++;
        _stepIndex = stepIndex;
        _step = default;
        if (cycle != _cycle)
        {
            _cycle = cycle;
            _cycleTally = default;
        }

        _freshStep = true;
    }

    /// <summary>Integrates the interval from the previous sample to <paramref name="sample"/>.</summary>
    public void Add(in AnalyzerSample sample)
    {
        _sampleCount++;
        if (!_started)
        {
            _started = true;
            if (_stepNumber == 0 || sample.StepIndex != _stepIndex || sample.Cycle != _cycle)
            {
                BeginStep(sample.StepIndex, sample.Cycle);
            }

            _freshStep = false;
            _previous = sample;
            return;
        }

        if (IntervalIntegrator.StartsNewStep(_previous, sample)
            && !(_freshStep && sample.StepIndex == _stepIndex && sample.Cycle == _cycle))
        {
            BeginStep(sample.StepIndex, sample.Cycle); // a step start the device did not report separately
        }

        _freshStep = false;
        var interval = IntervalIntegrator.Integrate(_previous, sample);
        _step = _step.Add(interval);
        _cycleTally = _cycleTally.Add(interval);
        _total = _total.Add(interval);
        _previous = sample;
    }

    /// <summary>The counters now.</summary>
    public RunCountersSnapshot Snapshot() =>
        new(_cycle, _stepIndex, _stepNumber, _sampleCount, _step, _cycleTally, _total, _started ? _previous.TimeUnixS : double.NaN);
}
