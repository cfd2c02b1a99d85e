namespace OperandoRig.Daemon.Operando.Triggers;

/// <summary>
/// The voltage's rate of change over the last <c>windowS</c> of samples: the least-squares slope of V(t) over samples
/// spanning at least the window, so a single noisy sample does not decide.
/// </summary>
internal sealed class VoltageRateWindow(double windowS)
{
    private readonly Queue<(double T, double V)> _points = new();

    public void Clear() => _points.Clear();

    public void Add(double timeS, double voltageV)
    {
        _points.Enqueue((timeS, voltageV));
        while (_points.Count > 2 && timeS - _points.ElementAt(1).T >= windowS)
        {
            _points.Dequeue(); // keep the oldest point that still makes the span at least the window
        }
    }

    /// <summary>The slope in V/s, or null until the samples span the window.</summary>
    public double? RateVPerS()
    {
        if (_points.Count < 2)
        {
            return null;
        }

        var first = _points.Peek().T;
        var span = _points.Last().T - first;
        if (span < windowS * 0.999)
        {
            return null;
        }

        double n = 0, st = 0, sv = 0, stt = 0, stv = 0;
        foreach (var (t, v) in _points)
        {
            var x = t - first;
            n++;
            st += x;
            sv += v;
            stt += x * x;
            stv += x * v;
        }

        var denominator = (n * stt) - (st * st);
        return denominator <= 0 ? null : ((n * stv) - (st * sv)) / denominator;
    }
}
