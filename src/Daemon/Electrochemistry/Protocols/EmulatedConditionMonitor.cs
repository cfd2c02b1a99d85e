using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>
/// Watches one step's samples for the conditions the device cannot evaluate (<see cref="ActiveCondition.OnDevice"/>
/// false), as the daemon's emulation: voltage, current, step time and step capacity are checked on every sample
/// (latency: one sample period); dV/dt is the least-squares slope over the last <see cref="SlopeWindowS"/> of
/// samples (at least three), so measurement noise does not end a rest early (latency: about the window).
/// Pure: feed it samples, it says which condition is met.
/// </summary>
public sealed class EmulatedConditionMonitor
{
    /// <summary>Span of samples the emulated dV/dt is fitted over, s.</summary>
    public const double SlopeWindowS = 60;

    private readonly IReadOnlyList<ActiveCondition> _conditions;
    private readonly Queue<(double TimeS, double VoltageV)> _window = new();

    /// <summary>Watches the emulated ones of <paramref name="conditions"/> (indices refer to this list).</summary>
    public EmulatedConditionMonitor(IReadOnlyList<ActiveCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        _conditions = conditions;
        IsActive = conditions.Any(c => !c.OnDevice);
    }

    /// <summary>True when there is anything to watch (asked for every sample: computed once).</summary>
    public bool IsActive { get; }

    /// <summary>The index of the first emulated condition <paramref name="sample"/> meets, or null.</summary>
    public int? Check(ChannelSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!double.IsFinite(sample.VoltageV) || !double.IsFinite(sample.CurrentA))
        {
            return null; // no measurement; safety handles it
        }

        _window.Enqueue((sample.StepTimeS, sample.VoltageV));
        while (_window.Count > 3 && sample.StepTimeS - _window.Peek().TimeS > SlopeWindowS)
        {
            _window.Dequeue();
        }

        for (var i = 0; i < _conditions.Count; i++)
        {
            var c = _conditions[i];
            if (c.OnDevice)
            {
                continue;
            }

            var value = c.Termination.Quantity switch
            {
                TerminationQuantity.VoltageV => sample.VoltageV,
                TerminationQuantity.CurrentA => sample.CurrentA,
                TerminationQuantity.AbsCurrentA => Math.Abs(sample.CurrentA),
                TerminationQuantity.StepTimeS => sample.StepTimeS,
                TerminationQuantity.StepCapacityAh => Math.Abs(sample.StepChargeAh),
                TerminationQuantity.AbsVoltageSlopeVPerS => Slope(),
                _ => double.NaN,
            };

            if (!double.IsNaN(value) && c.Termination.IsMetBy(value))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>|dV/dt| by least squares over the window, V/s; NaN until the window spans three samples and half its length.</summary>
    private double Slope()
    {
        if (_window.Count < 3)
        {
            return double.NaN;
        }

        var first = _window.Peek().TimeS;
        var last = _window.Last().TimeS;
        if (last - first < SlopeWindowS / 2)
        {
            return double.NaN;
        }

        double n = _window.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var (t, v) in _window)
        {
            var x = t - first;
            sx += x;
            sy += v;
            sxx += x * x;
            sxy += x * v;
        }

        var denominator = (n * sxx) - (sx * sx);
        return denominator > 0 ? Math.Abs(((n * sxy) - (sx * sy)) / denominator) : double.NaN;
    }
}
