using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Runner;

namespace OperandoRig.Daemon.Electrochemistry;

/// <summary>Impedance sweeps: each stored with the cell state at its start and end and an equivalent-circuit fit.</summary>
public sealed partial class ChannelRunner
{
    /// <summary>
    /// The circuit fitted to every sweep unless <see cref="ImpedanceCircuit"/> says otherwise: a bulk resistance, two
    /// arcs (grain boundary or interphase, charge transfer) and a diffusion tail, the usual picture of a solid-state cell.
    /// </summary>
    public const string DefaultImpedanceCircuit = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";

    private static readonly EquivalentCircuitFitter Fitter = new();

    /// <summary>The equivalent circuit fitted to each impedance sweep (fitter notation, see <see cref="EquivalentCircuit"/>).</summary>
    /// <exception cref="CircuitFormatException">Setting a circuit the fitter cannot read.</exception>
    public string ImpedanceCircuit
    {
        get => _impedanceCircuit.Text;
        init => _impedanceCircuit = EquivalentCircuit.Parse(value);
    }

    private readonly EquivalentCircuit _impedanceCircuit = EquivalentCircuit.Parse(DefaultImpedanceCircuit);

    /// <summary>
    /// Starts collecting a sweep when the step with run-wide index <paramref name="stepIndex"/> measures impedance; it
    /// is fitted with the step's own <c>circuit:</c>, or <see cref="ImpedanceCircuit"/>.
    /// </summary>
    private SweepCapture? BeginSweep(SegmentStep segmentStep, int stepIndex, RunProgram program)
    {
        var step = segmentStep.Step;
        if (step.Impedance is null)
        {
            return null;
        }

        var circuit = program.FitCircuitOf(segmentStep) is { } own ? EquivalentCircuit.Parse(own) : _impedanceCircuit;

        SampleRecord? before;
        lock (_gate)
        {
            before = _lastSample;
        }

        return new SweepCapture(stepIndex, step.Label, step.Cycle, before, circuit);
    }

    /// <summary>Fits the collected sweep and stores it with the cell state at its start and end.</summary>
    private async Task EndSweepAsync(string runId, SweepCapture sweep)
    {
        if (sweep.Start is not { } start)
        {
            return; // no sample at all: no state to store it with
        }

        var end = sweep.End ?? start;

        var data = sweep.Points.Select(ImpedanceDatum.From).ToList();
        var frequencies = sweep.Points.Select(p => p.FrequencyHz).ToList();
        using (SimulationHold.Begin())
        {
            // Off the record pump's thread (the channel buffers meanwhile); a fit reports a poor result, it does not throw.
            var (status, good, rms, chi2, parameters, message) = await Task.Run(() =>
            {
                try
                {
                    var fit = Fitter.Fit(sweep.Circuit, data, CancellationToken.None);
                    return (fit.Status.ToString(), fit.IsGoodFit, fit.RmsResidual, fit.ReducedChiSquared,
                        fit.Parameters.Select(p => new SpectrumFitParameter(p.Name, p.Parameter.Unit, p.Value, p.StandardError)).ToList(), fit.Message);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
                {
                    return ("Failed", false, double.NaN, double.NaN, new List<SpectrumFitParameter>(), $"the fit failed: {ex.Message}");
                }
            });
            var record = new ImpedanceSpectrumRecord(runId, ChannelId, sweep.StepIndex, sweep.Label, sweep.Cycle, sweep.Points.Count,
                frequencies.Count > 0 ? frequencies.Min() : double.NaN, frequencies.Count > 0 ? frequencies.Max() : double.NaN,
                CellStateOf(start, sweep.Cycle), CellStateOf(end, sweep.Cycle), sweep.Circuit.Text, status, good, rms, chi2, parameters, message);
            await _spectra.WriteAsync(record, CancellationToken.None);
            RecordEvent("impedance.spectrum", FormattableString.Invariant(
                $"step {sweep.StepIndex} '{sweep.Label}': {sweep.Points.Count} points from {start.VoltageV:F4} V to {end.VoltageV:F4} V; fit {sweep.Circuit.Text}: {status}, rms residual {rms:P2}"));
        }
    }

    private static CellStateAt CellStateOf(SampleRecord s, int cycle) => new(s.TimeUnixS, s.VoltageV, s.CurrentA, s.ChargeAh, cycle);
}
