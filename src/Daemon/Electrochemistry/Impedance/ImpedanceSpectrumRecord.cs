namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>The cell's state at one instant of a run, as its stored sample gives it.</summary>
/// <param name="TimeUnixS">When (Unix seconds).</param>
/// <param name="VoltageV">Terminal voltage, V.</param>
/// <param name="CurrentA">Current, A (positive charges).</param>
/// <param name="ChargeAh">The run's coulomb count, Ah.</param>
/// <param name="Cycle">Cycle number.</param>
public sealed record CellStateAt(double TimeUnixS, double VoltageV, double CurrentA, double ChargeAh, int Cycle);

/// <summary>One fitted parameter of a stored spectrum's equivalent circuit.</summary>
/// <param name="Name">Parameter name, e.g. <c>R1</c>, <c>CPE1.alpha</c>.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Value">Best-fit value.</param>
/// <param name="StandardError">1σ standard error.</param>
public sealed record SpectrumFitParameter(string Name, string Unit, double Value, double StandardError);

/// <summary>
/// One impedance sweep of a run (its points are in <c>impedance_points</c> under the same run and step index), stored
/// with the cell state at the sweep's start and end and the equivalent-circuit fit.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="StepIndex">The EIS step's run-wide index.</param>
/// <param name="StepLabel">Its label.</param>
/// <param name="Cycle">Its cycle.</param>
/// <param name="PointCount">Points measured.</param>
/// <param name="MinFrequencyHz">Lowest frequency measured, Hz (NaN without points).</param>
/// <param name="MaxFrequencyHz">Highest frequency measured, Hz (NaN without points).</param>
/// <param name="Start">The cell when the sweep started (the last sample before its first point).</param>
/// <param name="End">The cell when it ended (the step's last sample).</param>
/// <param name="Circuit">The circuit fitted, in the fitter's notation.</param>
/// <param name="FitStatus">The fit's <see cref="Impedance.FitStatus"/> (or <c>NotFitted</c> with too few points).</param>
/// <param name="FitIsGood">True when the fit converged with a small residual and is well conditioned.</param>
/// <param name="RmsResidual">Relative RMS residual of the fit (NaN when not fitted).</param>
/// <param name="ReducedChiSquared">Reduced χ² (NaN when not fitted).</param>
/// <param name="Parameters">The fitted parameters.</param>
/// <param name="FitMessage">The fitter's summary.</param>
public sealed record ImpedanceSpectrumRecord(
    string RunId,
    string ChannelId,
    int StepIndex,
    string StepLabel,
    int Cycle,
    int PointCount,
    double MinFrequencyHz,
    double MaxFrequencyHz,
    CellStateAt Start,
    CellStateAt End,
    string Circuit,
    string FitStatus,
    bool FitIsGood,
    double RmsResidual,
    double ReducedChiSquared,
    IReadOnlyList<SpectrumFitParameter> Parameters,
    string FitMessage);
