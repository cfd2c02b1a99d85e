using System.Globalization;
using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>
/// Per-cycle capacities, energies and efficiencies of one run of one channel, fed sample by sample in O(1) time and
/// without allocating (except the <see cref="CycleSummary"/> it returns when a cycle completes), so it can run live
/// on every channel; <see cref="Summarize"/> runs it over a stored list.
/// A cycle completes when a sample with a higher cycle number arrives; the interval between two samples belongs to
/// the cycle of the later one. Integration rules: see <see cref="IntervalIntegrator"/> and the folder's README.
/// Samples with a non-finite time, voltage or current are skipped (counted in <see cref="SkippedSampleCount"/>);
/// the next interval then spans from the last finite sample. Not thread-safe: one instance per channel and run.
/// </summary>
public sealed class CycleAnalyzer
{
    private readonly double? _activeMassKg;
    private string? _runId;
    private bool _started;
    private AnalyzerSample _previous;
    private CycleAccumulator _current;
    private double _closedChargeAh;
    private double _closedDischargeAh;
    private double _closedChargeWh;
    private double _closedDischargeWh;
    private bool _hasReference;
    private int _referenceCycle;
    private double _referenceDischargeAh;

    /// <summary>Creates an analyzer; <paramref name="options"/> default to a charge-first cell without active mass.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public CycleAnalyzer(CycleAnalyzerOptions? options = null)
    {
        Options = options ?? new CycleAnalyzerOptions();
        Options.Validate();
        _activeMassKg = Options.ActiveMassKg;
    }

    /// <summary>The settings in use.</summary>
    public CycleAnalyzerOptions Options { get; }

    /// <summary>Samples skipped because their time, voltage or current was NaN or infinite.</summary>
    public long SkippedSampleCount { get; private set; }

    /// <summary>Cycle number of the cycle in progress, or 0 before the first sample.</summary>
    public int CurrentCycle => _started ? _current.Cycle : 0;

    /// <summary>
    /// Runs a new analyzer over stored samples (in sequence order) and returns one summary per cycle, the last one
    /// (the cycle in progress when the list ends) with <see cref="CycleSummary.ClosedByNextCycle"/> false.
    /// </summary>
    /// <exception cref="ArgumentException">The samples mix runs, or time or cycle number go backwards.</exception>
    public static IReadOnlyList<CycleSummary> Summarize(IEnumerable<SampleRecord> samples, CycleAnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var analyzer = new CycleAnalyzer(options);
        var summaries = new List<CycleSummary>();
        foreach (var sample in samples)
        {
            if (analyzer.Add(sample) is { } summary)
            {
                summaries.Add(summary);
            }
        }

        if (analyzer.SummarizeCurrentCycle() is { } last)
        {
            summaries.Add(last);
        }

        return summaries;
    }

    /// <summary>Feeds one stored or streamed sample; returns the summary of the cycle it completed, else null.</summary>
    /// <exception cref="ArgumentException">The sample belongs to another run than the first one fed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Its time or cycle number is below the previous sample's.</exception>
    public CycleSummary? Add(SampleRecord sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (_runId is null)
        {
            _runId = sample.RunId;
        }
        else if (!string.Equals(_runId, sample.RunId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"sample seq {sample.Seq}: run '{sample.RunId}' is not the run '{_runId}' being analysed; use one CycleAnalyzer per run"),
                nameof(sample));
        }

        return Add(AnalyzerSample.From(sample));
    }

    /// <summary>Feeds one sample; returns the summary of the cycle it completed, else null. O(1), allocation-free.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Its time or cycle number is below the previous sample's.</exception>
    public CycleSummary? Add(in AnalyzerSample sample)
    {
        if (!double.IsFinite(sample.TimeUnixS) || !double.IsFinite(sample.VoltageV) || !double.IsFinite(sample.CurrentA))
        {
            SkippedSampleCount++;
            return null;
        }

        if (!_started)
        {
            _started = true;
            _previous = sample;
            _current = CycleAccumulator.StartAt(sample.Cycle, sample);
            _current.SampleCount = 1;
            return null;
        }

        if (sample.TimeUnixS < _previous.TimeUnixS)
        {
            throw new ArgumentOutOfRangeException(nameof(sample), sample.TimeUnixS,
                string.Create(CultureInfo.InvariantCulture, $"sample time {sample.TimeUnixS} s must be at or after the previous sample's {_previous.TimeUnixS} s"));
        }

        if (sample.Cycle < _current.Cycle)
        {
            throw new ArgumentOutOfRangeException(nameof(sample), sample.Cycle,
                string.Create(CultureInfo.InvariantCulture, $"cycle {sample.Cycle} must be at or above the cycle in progress, {_current.Cycle}; cycles never decrease within a run (use one CycleAnalyzer per run)"));
        }

        CycleSummary? closed = null;
        if (sample.Cycle > _current.Cycle)
        {
            closed = CloseCurrentCycle();
            _current = CycleAccumulator.StartAt(sample.Cycle, _previous);
        }

        _current.Add(IntervalIntegrator.Integrate(_previous, sample), sample);
        _previous = sample;
        return closed;
    }

    /// <summary>
    /// The summary of the cycle in progress so far (partial, <see cref="CycleSummary.ClosedByNextCycle"/> false),
    /// without closing it: call it at the end of a run to finalise the last cycle, or any time for a live view.
    /// Null before the first sample.
    /// </summary>
    public CycleSummary? SummarizeCurrentCycle() => _started ? Build(closedByNextCycle: false) : null;

    private CycleSummary CloseCurrentCycle()
    {
        var summary = Build(closedByNextCycle: true);
        _closedChargeAh += _current.ChargeAh;
        _closedDischargeAh += _current.DischargeAh;
        _closedChargeWh += _current.ChargeWh;
        _closedDischargeWh += _current.DischargeWh;
        if (!_hasReference)
        {
            _hasReference = true;
            _referenceCycle = _current.Cycle;
            _referenceDischargeAh = _current.DischargeAh;
        }

        return summary;
    }

    private CycleSummary Build(bool closedByNextCycle) => new()
    {
        Cycle = _current.Cycle,
        ClosedByNextCycle = closedByNextCycle,
        Convention = Options.Convention,
        StartTimeUnixS = _current.StartTimeUnixS,
        EndTimeUnixS = _current.EndTimeUnixS,
        SampleCount = _current.SampleCount,
        ChargeCapacityAh = _current.ChargeAh,
        DischargeCapacityAh = _current.DischargeAh,
        ChargeEnergyWh = _current.ChargeWh,
        DischargeEnergyWh = _current.DischargeWh,
        RetentionReferenceCycle = _hasReference ? _referenceCycle : _current.Cycle,
        RetentionReferenceDischargeCapacityAh = _hasReference ? _referenceDischargeAh : _current.DischargeAh,
        ActiveMassKg = _activeMassKg,
        ReportedNetChargeAh = _current.EndReportedChargeAh - _current.StartReportedChargeAh,
        CumulativeChargeCapacityAh = _closedChargeAh + _current.ChargeAh,
        CumulativeDischargeCapacityAh = _closedDischargeAh + _current.DischargeAh,
        CumulativeChargeEnergyWh = _closedChargeWh + _current.ChargeWh,
        CumulativeDischargeEnergyWh = _closedDischargeWh + _current.DischargeWh,
    };
}
