using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// Fits an <see cref="EquivalentCircuit"/> to an impedance spectrum by complex non-linear least squares
/// (Levenberg–Marquardt on the real and imaginary residuals, modulus-weighted by default), with positive quantities in
/// log space and CPE exponents bounded to (0, 1]. Starting points come from the spectrum (high-frequency intercept,
/// arc apexes and widths, low-frequency tail) plus optional user guesses; several are tried and the lowest χ² wins.
/// Plain top-level arcs p(R, CPE) of the same shape are reported in the order written by decreasing characteristic
/// frequency (the first one is the fastest). A poor or ill-conditioned fit is reported in the result, never thrown.
/// Thread-safe (no mutable state).
/// </summary>
public sealed class EquivalentCircuitFitter
{
    private const int ScreeningIterations = 40;
    private const int FinalistCount = 3;

    /// <summary>Creates a fitter with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its documented range.</exception>
    public EquivalentCircuitFitter(EquivalentCircuitFitOptions? options = null)
    {
        Options = options ?? new EquivalentCircuitFitOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxIterations, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Options.MaxIterations, 100_000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxStarts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Options.MaxStarts, 100, nameof(options));
        if (!(Options.GoodFitRmsResidual > 0) || !(Options.PoorConditionNumber > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "GoodFitRmsResidual must be > 0 and PoorConditionNumber > 1.");
        }
    }

    /// <summary>The settings in use.</summary>
    public EquivalentCircuitFitOptions Options { get; }

    /// <summary>Parses <paramref name="circuit"/> and fits it to <paramref name="spectrum"/>.</summary>
    /// <exception cref="CircuitFormatException">The circuit string is invalid.</exception>
    /// <inheritdoc cref="Fit(EquivalentCircuit, IEnumerable{ImpedanceDatum}, CancellationToken)" path="/exception"/>
    public EquivalentCircuitFit Fit(string circuit, IEnumerable<ImpedanceDatum> spectrum, CancellationToken cancellationToken = default) =>
        Fit(EquivalentCircuit.Parse(circuit), spectrum, cancellationToken);

    /// <summary>
    /// Fits <paramref name="circuit"/> to <paramref name="spectrum"/>. Points with a non-positive or non-finite
    /// frequency or a non-finite impedance are dropped (the result's message counts them).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A user guess names a parameter the circuit does not have, or is outside its bounds.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked every iteration).</exception>
    public EquivalentCircuitFit Fit(EquivalentCircuit circuit, IEnumerable<ImpedanceDatum> spectrum, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(spectrum);
        CheckGuesses(circuit);
        cancellationToken.ThrowIfCancellationRequested();

        var all = spectrum.ToList();
        var data = all.Where(d => d.IsValid).OrderByDescending(d => d.FrequencyHz).ToList();
        var dropped = all.Count - data.Count;
        var parameters = circuit.Parameters;
        var n = parameters.Count;
        var m = 2 * data.Count;
        if (data.Count == 0 || m < n)
        {
            return Unusable(circuit, data, dropped,
                $"{data.Count} valid points give {m} values for {n} parameters; nothing fitted.");
        }

        var weights = data.Select(d => Options.Weighting == ImpedanceWeighting.Modulus
            ? 1 / Math.Max(d.ImpedanceOhm.Magnitude, 1e-300)
            : 1.0).ToArray();
        var omegas = data.Select(d => 2 * Math.PI * d.FrequencyHz).ToArray();
        var transform = new ParameterTransform(parameters);

        bool WeightedResiduals(ReadOnlySpan<double> values, Span<double> r)
        {
            for (var i = 0; i < data.Count; i++)
            {
                var z = circuit.Root.ImpedanceOhm(omegas[i], values);
                var d = z - data[i].ImpedanceOhm;
                r[2 * i] = weights[i] * d.Real;
                r[(2 * i) + 1] = weights[i] * d.Imaginary;
                if (!double.IsFinite(r[2 * i]) || !double.IsFinite(r[(2 * i) + 1]))
                {
                    return false;
                }
            }

            return true;
        }

        bool InternalResiduals(ReadOnlySpan<double> u, Span<double> r)
        {
            Span<double> values = stackalloc double[n];
            transform.ToValues(u, values);
            return WeightedResiduals(values, r);
        }

        // Row-major 2N×n: rows 2i and 2i+1 are the real and imaginary parts at point i.
        bool WeightedJacobian(ReadOnlySpan<double> values, Func<int, double> columnScale, double[] j)
        {
            Span<Complex> dz = stackalloc Complex[n];
            for (var i = 0; i < data.Count; i++)
            {
                dz.Clear();
                circuit.Root.ImpedanceOhm(omegas[i], values, dz);
                for (var k = 0; k < n; k++)
                {
                    var d = dz[k] * (weights[i] * columnScale(k));
                    if (!double.IsFinite(d.Real) || !double.IsFinite(d.Imaginary))
                    {
                        return false;
                    }

                    j[(2 * i * n) + k] = d.Real;
                    j[(((2 * i) + 1) * n) + k] = d.Imaginary;
                }
            }

            return true;
        }

        bool InternalJacobian(ReadOnlySpan<double> u, double[] j)
        {
            var values = new double[n];
            transform.ToValues(u, values);
            var uCopy = u.ToArray();
            return WeightedJacobian(values, k => transform.Derivative(k, uCopy[k]), j);
        }

        var starts = InitialGuess.Starts(circuit, new SpectrumFeatures(data), Options.InitialGuesses, Options.MaxStarts);
        // Every start gets a short run; the most promising ones then run to convergence.
        var outcomes = new List<(LevenbergMarquardt.Outcome Outcome, int Iterations)>();
        var firstPhase = Math.Min(Options.MaxIterations, ScreeningIterations);
        foreach (var start in starts)
        {
            var u0 = new double[n];
            for (var k = 0; k < n; k++)
            {
                u0[k] = transform.ToInternal(k, start[k]);
            }

            var outcome = Minimize(u0, firstPhase);
            outcomes.Add((outcome, outcome.Iterations));
        }

        var ranked = outcomes.OrderBy(o => o.Outcome.Cost).ToList();
        for (var k = 0; k < Math.Min(FinalistCount, ranked.Count); k++)
        {
            var (outcome, iterations) = ranked[k];
            if (!outcome.Converged && Options.MaxIterations > iterations && double.IsFinite(outcome.Cost))
            {
                var more = Minimize(outcome.U, Options.MaxIterations - iterations);
                ranked[k] = (more with { Iterations = iterations + more.Iterations }, iterations + more.Iterations);
            }
        }

        LevenbergMarquardt.Outcome? best = ranked.Count == 0 ? null : ranked.Select(o => o.Outcome).MinBy(o => o.Cost);

        LevenbergMarquardt.Outcome Minimize(double[] u0, int iterations) => LevenbergMarquardt.Minimize(
            InternalResiduals, InternalJacobian, u0, m, iterations, u => transform.Clamp(u), cancellationToken);

        if (best is not { } winner || !double.IsFinite(winner.Cost))
        {
            return Unusable(circuit, data, dropped, "The model is not finite at any starting point; nothing fitted.");
        }

        var fitted = new double[n];
        transform.ToValues(winner.U, fitted);
        ArcOrdering.Canonicalize(circuit, fitted);
        var scaledJacobian = new double[m * n];
        var jacobianOk = WeightedJacobian(fitted, k => Math.Abs(fitted[k]), scaledJacobian);
        return Report(circuit, data, dropped, fitted, winner, starts.Count, WeightedResiduals,
            jacobianOk ? Matrix<double>.Build.Dense(m, n, (i, k) => scaledJacobian[(i * n) + k]) : null);
    }

    private EquivalentCircuitFit Report(EquivalentCircuit circuit, List<ImpedanceDatum> data, int dropped, double[] fitted,
        LevenbergMarquardt.Outcome winner, int starts, LevenbergMarquardt.Residuals weightedResiduals, Matrix<double>? scaledJacobian)
    {
        var m = 2 * data.Count;
        var r = new double[m];
        weightedResiduals(fitted, r);
        var chi2 = LevenbergMarquardt.SumOfSquares(r);
        var (errors, condition) = scaledJacobian is null
            ? (Enumerable.Repeat(double.NaN, fitted.Length).ToArray(), double.PositiveInfinity)
            : FitStatistics.Compute(scaledJacobian, fitted, chi2);
        var model = data.Select(d => circuit.Root.ImpedanceOhm(2 * Math.PI * d.FrequencyHz, fitted)).ToArray();
        var dof = m - fitted.Length;
        var rms = Math.Sqrt(chi2 / m);
        var status = winner.Converged ? FitStatus.Converged : FitStatus.IterationLimit;
        var poorlyConditioned = !(condition <= Options.PoorConditionNumber);
        var good = status == FitStatus.Converged && rms <= Options.GoodFitRmsResidual;
        var ending = status == FitStatus.Converged ? "Converged" : "Iteration limit reached";
        var verdict = good ? "good fit" : "poor fit";
        var conditioning = poorlyConditioned ? " (poorly conditioned: some parameters are not determined by the data)" : string.Empty;
        var droppedNote = dropped > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {dropped} invalid points dropped") : string.Empty;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{ending} after {winner.Iterations} iterations (best of {starts} starts); RMS weighted residual {rms:G3} ({verdict}), chi2 {chi2:G3}, condition number {condition:G3}{conditioning}{droppedNote}.");
        return new EquivalentCircuitFit
        {
            Circuit = circuit,
            Status = status,
            Parameters = [.. circuit.Parameters.Select((p, k) => new FittedParameter(p, fitted[k], errors[k]))],
            ChiSquared = chi2,
            ReducedChiSquared = dof > 0 ? chi2 / dof : double.NaN,
            RmsResidual = rms,
            Data = data,
            ModelImpedanceOhm = model,
            ResidualsOhm = [.. data.Select((d, i) => d.ImpedanceOhm - model[i])],
            Iterations = winner.Iterations,
            Starts = starts,
            ConditionNumber = condition,
            IsPoorlyConditioned = poorlyConditioned,
            IsGoodFit = good,
            Message = message,
        };
    }

    private static EquivalentCircuitFit Unusable(EquivalentCircuit circuit, List<ImpedanceDatum> data, int dropped, string why) => new()
    {
        Circuit = circuit,
        Status = FitStatus.InsufficientData,
        Parameters = [.. circuit.Parameters.Select(p => new FittedParameter(p, double.NaN, double.NaN))],
        ChiSquared = double.NaN,
        ReducedChiSquared = double.NaN,
        RmsResidual = double.NaN,
        Data = data,
        ModelImpedanceOhm = [],
        ResidualsOhm = [],
        Iterations = 0,
        Starts = 0,
        ConditionNumber = double.NaN,
        IsPoorlyConditioned = true,
        IsGoodFit = false,
        Message = why + (dropped > 0 ? string.Create(CultureInfo.InvariantCulture, $" {dropped} invalid points dropped.") : string.Empty),
    };

    private void CheckGuesses(EquivalentCircuit circuit)
    {
        foreach (var (name, value) in Options.InitialGuesses ?? new Dictionary<string, double>())
        {
            var index = circuit.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException(
                    $"Initial guess for '{name}', which the circuit {circuit.Text} does not have; its parameters are {string.Join(", ", circuit.Parameters.Select(p => p.Name))}.");
            }

            var p = circuit.Parameters[index];
            if (!(value >= p.LowerBound && value <= p.UpperBound))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Initial guess {name} = {value} is outside its bounds {p.LowerBound:G3}..{p.UpperBound:G3} {p.Unit}."));
            }
        }
    }
}
