using System.Globalization;
using OperandoRig.Drivers.Abstractions;

namespace OperandoRig.Simulators.Beamline;

/// <summary>Settings of a simulated double-crystal monochromator; defaults resemble a hard X-ray Si(111) DCM.</summary>
public sealed record SimulatedMonochromatorOptions
{
    /// <summary>Device name. <value>mono</value></summary>
    public string Name { get; init; } = "mono";

    /// <summary>Energies the monochromator may be moved to, eV. <value>2100..25000 eV (Si(111), covers S K to beyond Ni K)</value></summary>
    public ValueRange EnergyRangeEv { get; init; } = new(2100, 25000);

    /// <summary>Lattice-plane spacing of the crystal, Å. <value>3.1356 Å (Si(111))</value></summary>
    public double DSpacingAngstrom { get; init; } = 3.1356;

    /// <summary>Energy at start-up, eV. <value>8333 eV (Ni K)</value></summary>
    public double InitialEnergyEv { get; init; } = 8333;

    /// <summary>Bragg-axis cruise speed, degrees/s. <value>1 °/s</value></summary>
    public double AngularVelocityDegPerS { get; init; } = 1.0;

    /// <summary>Bragg-axis acceleration, degrees/s². <value>5 °/s²</value></summary>
    public double AngularAccelerationDegPerS2 { get; init; } = 5.0;

    /// <summary>Time to let the crystals settle after a move before it reports done, s; too short gives jagged spectra.
    /// <value>0.1 s</value></summary>
    public double SettleS { get; init; } = 0.1;

    /// <summary>Mechanical backlash of the Bragg drive, degrees: moves against the approach direction overshoot by this
    /// much and come back, so every point is reached from the same side. 0 disables it. <value>0.005 ° (≈ 3.0 eV at Ni K)</value></summary>
    public double BacklashDeg { get; init; } = 0.005;

    /// <summary>True when the final approach is towards higher energy (smaller Bragg angle). <value>true</value></summary>
    public bool ApproachFromLowerEnergy { get; init; } = true;

    /// <summary>A move closer than this to the present energy is a no-op taking no time, eV. <value>0.001 eV</value></summary>
    public double EnergyToleranceEv { get; init; } = 0.001;

    /// <summary>Injected fault. <value>none</value></summary>
    public FaultOptions Faults { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        OptionsCheck.Name(Name, nameof(Name));
        OptionsCheck.Positive(DSpacingAngstrom, $"{Name}.{nameof(DSpacingAngstrom)}", "Å");
        OptionsCheck.Interval(EnergyRangeEv, $"{Name}.{nameof(EnergyRangeEv)}", "eV");
        double lowest = BraggGeometry.MinimumEnergyEv(DSpacingAngstrom);
        if (!(EnergyRangeEv.Min > lowest))
        {
            throw new ArgumentOutOfRangeException(nameof(EnergyRangeEv), EnergyRangeEv, string.Create(CultureInfo.InvariantCulture,
                $"{Name}.{nameof(EnergyRangeEv)}: {EnergyRangeEv} eV reaches below {lowest:F1} eV, the lowest energy a {DSpacingAngstrom} Å crystal reflects"));
        }

        if (!EnergyRangeEv.Contains(InitialEnergyEv))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialEnergyEv), InitialEnergyEv, string.Create(CultureInfo.InvariantCulture,
                $"{Name}.{nameof(InitialEnergyEv)}: {InitialEnergyEv} eV is outside {EnergyRangeEv} eV"));
        }

        OptionsCheck.Positive(AngularVelocityDegPerS, $"{Name}.{nameof(AngularVelocityDegPerS)}", "°/s");
        OptionsCheck.Positive(AngularAccelerationDegPerS2, $"{Name}.{nameof(AngularAccelerationDegPerS2)}", "°/s²");
        OptionsCheck.NonNegative(SettleS, $"{Name}.{nameof(SettleS)}", "s");
        OptionsCheck.NonNegative(BacklashDeg, $"{Name}.{nameof(BacklashDeg)}", "°");
        OptionsCheck.Positive(EnergyToleranceEv, $"{Name}.{nameof(EnergyToleranceEv)}", "eV");
        Faults.Validate($"{Name}.{nameof(Faults)}");
    }
}
