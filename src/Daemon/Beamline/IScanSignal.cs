namespace OperandoRig.Daemon.Beamline;

/// <summary>A scalar signal a band suspender can watch (a hutch temperature, a cell temperature, a flux monitor).</summary>
public interface IScanSignal
{
    /// <summary>The signal's name, as plans refer to it (e.g. <c>hutch.temperature</c>).</summary>
    string Name { get; }

    /// <summary>Its unit, as plans write it (e.g. <c>degC</c>).</summary>
    string Unit { get; }

    /// <summary>Reads the present value.</summary>
    Task<double> ReadAsync(CancellationToken cancellationToken);
}
