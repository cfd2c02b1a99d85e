namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// What the starting guesses are read from: the high-frequency intercept, the arcs (apexes of −Z'' with their
/// heights), the low-frequency tail, and Z' interpolated in log f. Data sorted by decreasing frequency.
/// </summary>
internal sealed class SpectrumFeatures
{
    public SpectrumFeatures(IReadOnlyList<ImpedanceDatum> data)
    {
        Data = data;
        var n = data.Count;
        MaxFrequencyHz = data[0].FrequencyHz;
        MinFrequencyHz = data[n - 1].FrequencyHz;
        Scale = data.Max(d => d.ImpedanceOhm.Magnitude);
        HighFrequencyInterceptOhm = Math.Max(data[0].ImpedanceOhm.Real, 1e-6 * Scale);
        var lowRe = data[n - 1].ImpedanceOhm.Real;
        LowFrequencyResistanceOhm = Math.Max(lowRe, HighFrequencyInterceptOhm * 1.01);
        Arcs = FindArcs(data);
        HighFrequencyInductanceH = Math.Max(data[0].ImpedanceOhm.Imaginary, 0) / (2 * Math.PI * MaxFrequencyHz);
        TailWarburgOhmSqrtS = WarburgFromTail(data, Scale);
    }

    public IReadOnlyList<ImpedanceDatum> Data { get; }

    public double MaxFrequencyHz { get; }

    public double MinFrequencyHz { get; }

    /// <summary>Largest |Z|, in Ω.</summary>
    public double Scale { get; }

    /// <summary>Z' at the highest frequency, in Ω.</summary>
    public double HighFrequencyInterceptOhm { get; }

    /// <summary>Z' at the lowest frequency (at least slightly above the intercept), in Ω.</summary>
    public double LowFrequencyResistanceOhm { get; }

    /// <summary>Arcs found, by decreasing apex frequency: apex frequency (Hz), height of −Z'' (Ω), truncated at f_max.</summary>
    public IReadOnlyList<(double ApexHz, double HeightOhm, bool Truncated)> Arcs { get; }

    /// <summary>Inductance read from a positive Z'' at the highest frequency (0 when capacitive), in H.</summary>
    public double HighFrequencyInductanceH { get; }

    /// <summary>Warburg σ from the slope of −Z'' against ω^−½ over the lowest decade, in Ω·s^−½ (small when there is no tail).</summary>
    public double TailWarburgOhmSqrtS { get; }

    /// <summary>Z' interpolated linearly in log f, clamped to the measured range, in Ω.</summary>
    public double RealOhmAt(double frequencyHz)
    {
        var d = Data;
        if (frequencyHz >= d[0].FrequencyHz)
        {
            return d[0].ImpedanceOhm.Real;
        }

        for (var i = 1; i < d.Count; i++)
        {
            if (frequencyHz >= d[i].FrequencyHz)
            {
                var t = Math.Log(d[i - 1].FrequencyHz / frequencyHz) / Math.Log(d[i - 1].FrequencyHz / d[i].FrequencyHz);
                return d[i - 1].ImpedanceOhm.Real + (t * (d[i].ImpedanceOhm.Real - d[i - 1].ImpedanceOhm.Real));
            }
        }

        return d[^1].ImpedanceOhm.Real;
    }

    private static List<(double, double, bool)> FindArcs(IReadOnlyList<ImpedanceDatum> d)
    {
        var n = d.Count;
        var h = new double[n];
        for (var i = 0; i < n; i++)
        {
            // Three-point smoothing against noise.
            var lo = Math.Max(0, i - 1);
            var hi = Math.Min(n - 1, i + 1);
            var s = 0.0;
            for (var k = lo; k <= hi; k++)
            {
                s -= d[k].ImpedanceOhm.Imaginary;
            }

            h[i] = s / (hi - lo + 1);
        }

        var max = h.Max();
        var arcs = new List<(double, double, bool)>();
        if (max <= 0)
        {
            return arcs;
        }

        if (n > 1 && h[0] > h[1] && h[0] > 0.02 * max)
        {
            arcs.Add((d[0].FrequencyHz * 3, h[0], true));
        }

        for (var i = 1; i < n - 1; i++)
        {
            if (h[i] >= h[i - 1] && h[i] > h[i + 1] && h[i] > 0.02 * max)
            {
                arcs.Add((d[i].FrequencyHz, h[i], false));
            }
        }

        return arcs;
    }

    private static double WarburgFromTail(IReadOnlyList<ImpedanceDatum> d, double scale)
    {
        var n = d.Count;
        var fallback = 1e-4 * scale;
        if (n < 3)
        {
            return fallback;
        }

        var last = d[n - 1];
        var k = n - 2;
        while (k > 0 && d[k].FrequencyHz < last.FrequencyHz * 10)
        {
            k--;
        }

        var x0 = 1 / Math.Sqrt(2 * Math.PI * d[k].FrequencyHz);
        var x1 = 1 / Math.Sqrt(2 * Math.PI * last.FrequencyHz);
        var slope = (-last.ImpedanceOhm.Imaginary + d[k].ImpedanceOhm.Imaginary) / (x1 - x0);
        return slope > fallback ? slope : fallback;
    }
}
