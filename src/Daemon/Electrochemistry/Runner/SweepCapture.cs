using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry.Impedance;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>
/// One impedance sweep as the record pump sees it: the cell state when the step started (the last stored sample
/// before it; for a run's first step, its own first sample), every point, and the step's last sample.
/// </summary>
internal sealed class SweepCapture(int stepIndex, string label, int cycle, SampleRecord? start, EquivalentCircuit circuit)
{
    public int StepIndex { get; } = stepIndex;

    public string Label { get; } = label;

    public int Cycle { get; } = cycle;

    /// <summary>The circuit to fit.</summary>
    public EquivalentCircuit Circuit { get; } = circuit;

    public SampleRecord? Start { get; private set; } = start;

    public SampleRecord? End { get; private set; }

    public List<ImpedancePoint> Points { get; } = [];

    /// <summary>Takes a stored sample of the run (only the sweep step's own samples move its end).</summary>
    public void Observe(SampleRecord sample)
    {
        if (sample.StepIndex != StepIndex)
        {
            return;
        }

        Start ??= sample;
        End = sample;
    }
}
