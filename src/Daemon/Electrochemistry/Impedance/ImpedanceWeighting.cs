namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>How the residuals of the real and imaginary parts are weighted in the complex least-squares fit.</summary>
public enum ImpedanceWeighting
{
    /// <summary>Each residual divided by |Z| of the datum (relative errors; every decade counts alike). The default.</summary>
    Modulus,

    /// <summary>Unweighted residuals, in Ω (the largest impedances dominate).</summary>
    Unit,
}
