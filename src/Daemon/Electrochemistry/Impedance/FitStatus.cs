namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>How the least-squares minimisation ended.</summary>
public enum FitStatus
{
    /// <summary>The minimiser converged (step, gradient or cost change below tolerance).</summary>
    Converged,

    /// <summary>The iteration limit was reached before convergence; the best point found is reported.</summary>
    IterationLimit,

    /// <summary>
    /// No usable fit: fewer valid data values (2 per point) than free parameters, or the model is not finite at any
    /// starting point. Parameter values are NaN.
    /// </summary>
    InsufficientData,
}
