namespace OperandoRig.Simulators.Cell;

/// <summary>Small physical helpers shared by the DC model and the impedance.</summary>
internal static class Electrochemistry
{
    /// <summary>Faraday constant, C/mol.</summary>
    public const double FaradayCPerMol = 96_485.332;

    /// <summary>Gas constant, J/(mol·K).</summary>
    public const double GasConstantJPerMolK = 8.314_462_618;

    /// <summary>Arrhenius factor exp(Ea/R·(1/T − 1/T_ref)) for a resistance or a time constant (&gt; 1 when colder).</summary>
    public static double ArrheniusSlowdown(double activationEnergyJPerMol, double temperatureK, double referenceK) =>
        Math.Exp(activationEnergyJPerMol / GasConstantJPerMolK * ((1 / temperatureK) - (1 / referenceK)));

    /// <summary>Brug's effective capacitance of a CPE (Q, n) in parallel with R, in farads.</summary>
    public static double EffectiveCapacitanceF(double cpeCoefficient, double exponent, double resistanceOhm) =>
        resistanceOhm <= 0 ? 0 : Math.Pow(cpeCoefficient * Math.Pow(resistanceOhm, 1 - exponent), 1 / exponent);

    /// <summary>Exact first-order relaxation of <paramref name="value"/> towards <paramref name="target"/> over dt.</summary>
    public static double Relax(double value, double target, double dtS, double tauS) =>
        tauS <= 0 ? target : target + ((value - target) * Math.Exp(-dtS / tauS));

    /// <summary>exp(x) with the argument capped so extreme potentials cannot overflow.</summary>
    public static double SafeExp(double x) => Math.Exp(Math.Min(x, 60));
}
