namespace OperandoRig.Simulators.Cell;

/// <summary>
/// The simplest physical cell: an open-circuit voltage that follows the state of charge (a Nernst-like
/// curve), a series resistance and one RC pair for the interfacial polarisation (a Thevenin model).
/// Used where a test or a demo needs a believable cell, not a particular chemistry.
/// </summary>
public sealed class SimpleTheveninCell : ICellModel
{
    private readonly SimpleTheveninCellParameters _p;
    private double _soc;
    private double _polarisationV;
    private double _lastCurrentA;

    /// <summary>Creates the cell at the parameters' initial state of charge.</summary>
    public SimpleTheveninCell(SimpleTheveninCellParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _p = parameters;
        _soc = parameters.InitialStateOfCharge;
    }

    /// <inheritdoc />
    public double NominalCapacityAh => _p.CapacityAh;

    /// <inheritdoc />
    public double StateOfCharge => _soc;

    /// <inheritdoc />
    public double OpenCircuitVoltageV => Ocv(_soc);

    /// <inheritdoc />
    public double TerminalVoltageV => Ocv(_soc) + _lastCurrentA * _p.SeriesResistanceOhm + _polarisationV;

    /// <inheritdoc />
    public double TemperatureK => _p.TemperatureK;

    /// <inheritdoc />
    public double AdvanceWithCurrent(double currentA, double durationS)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationS);
        _soc = Math.Clamp(_soc + currentA * durationS / (3600.0 * _p.CapacityAh), 0.0, 1.0);
        var decay = Math.Exp(-durationS / _p.PolarisationTimeConstantS);
        _polarisationV = _polarisationV * decay + currentA * _p.PolarisationResistanceOhm * (1 - decay);
        _lastCurrentA = currentA;
        return TerminalVoltageV;
    }

    /// <inheritdoc />
    public double AdvanceWithVoltage(double voltageV, double durationS)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationS);
        // Linearise V(I) over the interval: OCV moves with the charge passed, the RC pair relaxes.
        var decay = Math.Exp(-durationS / _p.PolarisationTimeConstantS);
        var ocvSlopeVPerSoc = (Ocv(Math.Min(_soc + 1e-3, 1)) - Ocv(Math.Max(_soc - 1e-3, 0))) / 2e-3;
        var resistanceOhm = _p.SeriesResistanceOhm + _p.PolarisationResistanceOhm * (1 - decay)
            + ocvSlopeVPerSoc * durationS / (3600.0 * _p.CapacityAh);
        var currentA = (voltageV - Ocv(_soc) - _polarisationV * decay) / resistanceOhm;
        AdvanceWithCurrent(currentA, durationS);
        return currentA;
    }

    private double Ocv(double soc)
    {
        var s = Math.Clamp(soc, 1e-4, 1 - 1e-4);
        return _p.OcvAtHalfChargeV + _p.OcvLinearSlopeV * (s - 0.5) + _p.OcvNernstSlopeV * Math.Log(s / (1 - s));
    }
}
