namespace OperandoRig.Simulators.Cell;

/// <summary>
/// The working electrode's open-circuit potential vs Li⁺/Li as a table of (state of charge, potential) points,
/// interpolated monotonically (PCHIP), plus the charge/discharge hysteresis around it.
/// </summary>
public sealed record OcvCurveParameters
{
    /// <summary>States of charge of the table points, strictly increasing, first 0 and last 1.</summary>
    public IReadOnlyList<double> StateOfCharge { get; init; } = [0.0, 1.0];

    /// <summary>Mean (mid-hysteresis) open-circuit potential at each point, non-decreasing, in volts vs Li⁺/Li.</summary>
    public IReadOnlyList<double> PotentialV { get; init; } = [3.0, 4.2];

    /// <summary>Slope used to extrapolate beyond SOC 0 and 1 (the potential diverges there), in volts per unit SOC.</summary>
    public double EndSlopeVPerUnitSoc { get; init; } = 20;

    /// <summary>Half the gap between the charge and the discharge branch of the fresh cell, in volts.</summary>
    public double HysteresisHalfWidthV { get; init; }

    /// <summary>Growth of the hysteresis half-width per nanometre of interphase grown, in volts per nanometre.</summary>
    public double HysteresisGrowthVPerNm { get; init; }

    /// <summary>SOC that must be passed after a current reversal to move 63 % of the way to the other branch.</summary>
    public double HysteresisSocSpan { get; init; } = 0.03;

    /// <summary>Checks the table and the hysteresis values.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(StateOfCharge, nameof(StateOfCharge));
        ArgumentNullException.ThrowIfNull(PotentialV, nameof(PotentialV));
        if (StateOfCharge.Count < 2 || StateOfCharge.Count != PotentialV.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(StateOfCharge), StateOfCharge.Count,
                $"Ocv.StateOfCharge has {StateOfCharge.Count} points and Ocv.PotentialV {PotentialV.Count}; both need the same count, at least 2.");
        }

        Check.Range("Ocv.StateOfCharge[0]", StateOfCharge[0], 0, 0);
        Check.Range("Ocv.StateOfCharge[last]", StateOfCharge[^1], 1, 1);
        for (var i = 0; i < PotentialV.Count; i++)
        {
            Check.Range($"Ocv.PotentialV[{i}]", PotentialV[i], -1, 6);
            if (i > 0 && !(StateOfCharge[i] > StateOfCharge[i - 1]))
            {
                throw new ArgumentOutOfRangeException($"Ocv.StateOfCharge[{i}]", StateOfCharge[i],
                    $"Ocv.StateOfCharge[{i}] = {StateOfCharge[i]} must be greater than the previous point {StateOfCharge[i - 1]}.");
            }

            if (i > 0 && PotentialV[i] < PotentialV[i - 1])
            {
                throw new ArgumentOutOfRangeException($"Ocv.PotentialV[{i}]", PotentialV[i],
                    $"Ocv.PotentialV[{i}] = {PotentialV[i]} V is below the previous point {PotentialV[i - 1]} V; the OCV must not decrease with SOC.");
            }
        }

        Check.Range("Ocv." + nameof(EndSlopeVPerUnitSoc), EndSlopeVPerUnitSoc, 0, 1000);
        Check.Range("Ocv." + nameof(HysteresisHalfWidthV), HysteresisHalfWidthV, 0, 1);
        Check.Range("Ocv." + nameof(HysteresisGrowthVPerNm), HysteresisGrowthVPerNm, 0, 0.1);
        Check.Range("Ocv." + nameof(HysteresisSocSpan), HysteresisSocSpan, 1e-4, 1);
    }
}
