namespace OperandoRig.Simulators.Cell;

/// <summary>
/// Every number the <see cref="LumpedCellModel"/> needs, in SI units with the unit in the name.
/// Values are given at <see cref="ReferenceTemperatureK"/>; the model rescales them with Arrhenius factors
/// when the temperature changes. Loaded from the presets in <c>config/cells/*.yaml</c> by <see cref="CellPresets"/>.
/// </summary>
public sealed record CellParameters
{
    /// <summary>Preset name, e.g. <c>nmc83-lpscl-limg-60c</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>One-line human description (stack, temperature, source paper).</summary>
    public string Description { get; init; } = "";

    /// <summary>Temperature at which every parameter below is given, and the isothermal default, in kelvin.</summary>
    public double ReferenceTemperatureK { get; init; } = 298.15;

    /// <summary>Mass of active material in the working electrode, in kilograms.</summary>
    public double ActiveMassKg { get; init; }

    /// <summary>Geometric electrode area (current density = current / area), in square metres.</summary>
    public double ElectrodeAreaM2 { get; init; }

    /// <summary>Theoretical specific capacity of the active material (the full SOC 0..1 span), in Ah/kg (= mAh/g).</summary>
    public double TheoreticalSpecificCapacityAhPerKg { get; init; }

    /// <summary>Specific capacity that defines 1C (the nominal capacity), in Ah/kg (= mAh/g).</summary>
    public double NominalSpecificCapacityAhPerKg { get; init; }

    /// <summary>State of charge of all active material at assembly (1 for an oxidised, "charged" cathode such as PTO).</summary>
    public double InitialStateOfCharge { get; init; }

    /// <summary>Lower cut-off the source paper used, in volts (informational; protocols set their own limits).</summary>
    public double TypicalLowerCutoffV { get; init; }

    /// <summary>Upper cut-off the source paper used, in volts (informational; protocols set their own limits).</summary>
    public double TypicalUpperCutoffV { get; init; }

    /// <summary>Potential of the counter electrode vs Li⁺/Li (Li–In ≈ 0.62 V, Li or Li–Mg ≈ 0 V), in volts.</summary>
    public double CounterElectrodePotentialV { get; init; }

    /// <summary>Open-circuit potential of the working electrode vs Li⁺/Li as a function of its state of charge.</summary>
    public OcvCurveParameters Ocv { get; init; } = new();

    /// <summary>Ohmic, interphase and charge-transfer elements and their capacitances.</summary>
    public ImpedanceParameters Impedance { get; init; } = new();

    /// <summary>Solid-state diffusion and open-circuit relaxation.</summary>
    public DiffusionParameters Diffusion { get; init; } = new();

    /// <summary>Particle populations: well connected, poorly connected, isolated.</summary>
    public PopulationParameters Populations { get; init; } = new();

    /// <summary>Side reactions (interphase formation and growth) and mechanical degradation.</summary>
    public DegradationParameters Degradation { get; init; } = new();

    /// <summary>Dendrite growth and internal short; <c>null</c> when the cell cannot short.</summary>
    public ShortCircuitParameters? ShortCircuit { get; init; }

    /// <summary>Capacity the C-rate refers to, in ampere-hours.</summary>
    public double NominalCapacityAh => ActiveMassKg * NominalSpecificCapacityAhPerKg;

    /// <summary>Capacity of all active material over SOC 0..1, in ampere-hours.</summary>
    public double TheoreticalCapacityAh => ActiveMassKg * TheoreticalSpecificCapacityAhPerKg;

    /// <summary>
    /// Checks every value and throws <see cref="ArgumentOutOfRangeException"/> naming the parameter, the value and the
    /// allowed range at the first one that is out of range.
    /// </summary>
    public void Validate()
    {
        Check.Range(nameof(ReferenceTemperatureK), ReferenceTemperatureK, 150, 500);
        Check.Positive(nameof(ActiveMassKg), ActiveMassKg);
        Check.Positive(nameof(ElectrodeAreaM2), ElectrodeAreaM2);
        Check.Positive(nameof(TheoreticalSpecificCapacityAhPerKg), TheoreticalSpecificCapacityAhPerKg);
        Check.Positive(nameof(NominalSpecificCapacityAhPerKg), NominalSpecificCapacityAhPerKg);
        Check.Range(nameof(InitialStateOfCharge), InitialStateOfCharge, 0, 1);
        Check.Range(nameof(CounterElectrodePotentialV), CounterElectrodePotentialV, -1, 5);
        ArgumentNullException.ThrowIfNull(Ocv, nameof(Ocv));
        ArgumentNullException.ThrowIfNull(Impedance, nameof(Impedance));
        ArgumentNullException.ThrowIfNull(Diffusion, nameof(Diffusion));
        ArgumentNullException.ThrowIfNull(Populations, nameof(Populations));
        ArgumentNullException.ThrowIfNull(Degradation, nameof(Degradation));
        Ocv.Validate();
        Impedance.Validate();
        Diffusion.Validate();
        Populations.Validate();
        Degradation.Validate();
        ShortCircuit?.Validate();
    }
}
