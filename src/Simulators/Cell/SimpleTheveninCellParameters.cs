namespace OperandoRig.Simulators.Cell;

/// <summary>Parameters of <see cref="SimpleTheveninCell"/>; defaults resemble a 1.8 mAh NMC|Li-In lab cell.</summary>
public sealed record SimpleTheveninCellParameters
{
    /// <summary>Capacity, Ah. <value>1.78 mAh</value></summary>
    public double CapacityAh { get; init; } = 1.78e-3;

    /// <summary>State of charge at start, 0..1. <value>0.0</value></summary>
    public double InitialStateOfCharge { get; init; }

    /// <summary>OCV at 50 % SOC, V. <value>3.75 V</value></summary>
    public double OcvAtHalfChargeV { get; init; } = 3.75;

    /// <summary>Linear OCV change from 0 to 100 % SOC, V. <value>0.7 V</value></summary>
    public double OcvLinearSlopeV { get; init; } = 0.7;

    /// <summary>Slope of the ln(s/(1-s)) term that steepens the OCV near empty and full, V. <value>0.05 V</value></summary>
    public double OcvNernstSlopeV { get; init; } = 0.05;

    /// <summary>Series (ohmic) resistance, Ω. <value>40 Ω</value></summary>
    public double SeriesResistanceOhm { get; init; } = 40;

    /// <summary>Resistance of the RC pair, Ω. <value>60 Ω</value></summary>
    public double PolarisationResistanceOhm { get; init; } = 60;

    /// <summary>Time constant of the RC pair, s. <value>120 s</value></summary>
    public double PolarisationTimeConstantS { get; init; } = 120;

    /// <summary>Temperature, K. <value>298.15 K</value></summary>
    public double TemperatureK { get; init; } = 298.15;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Positive(CapacityAh, nameof(CapacityAh), "Ah");
        OptionsCheck.Positive(SeriesResistanceOhm, nameof(SeriesResistanceOhm), "Ω");
        OptionsCheck.Positive(PolarisationResistanceOhm, nameof(PolarisationResistanceOhm), "Ω");
        OptionsCheck.Positive(PolarisationTimeConstantS, nameof(PolarisationTimeConstantS), "s");
        OptionsCheck.Positive(TemperatureK, nameof(TemperatureK), "K");
        OptionsCheck.Fraction(InitialStateOfCharge, nameof(InitialStateOfCharge));
    }
}
