namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// The edge position of a transmission XANES: the energy of the maximum of dμ/dE, with μ = ln(I0/It), near the plan's
/// E₀ (central differences on the measured energies, refined by a parabola through the peak). Sweeps are averaged per
/// energy first. Used to print and record where an operando spectrum's edge is.
/// </summary>
public static class XanesEdgePosition
{
    /// <summary>How far below E₀ the derivative maximum is looked for, eV.</summary>
    public const double BelowEv = 15;

    /// <summary>How far above E₀ the derivative maximum is looked for, eV.</summary>
    public const double AboveEv = 20;

    /// <summary>
    /// The edge position of one spectrum (the points of one scan at one spot), eV; null when the points carry no
    /// transmission pair (<c>detector.I0</c> and <c>detector.It</c> counts) or too few energies near <paramref name="edgeEnergyEv"/>.
    /// </summary>
    public static double? Find(IReadOnlyList<ScanPointRecord> points, double edgeEnergyEv)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0 || edgeEnergyEv <= 0)
        {
            return null;
        }

        var it = points[0].Counts.Keys.Where(k => k.EndsWith(".It", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (it is null)
        {
            return null;
        }

        var i0 = string.Concat(it.AsSpan(0, it.Length - 2), "I0");
        var spectrum = points
            .Where(p => p.Counts.TryGetValue(i0, out var a) && a > 0 && p.Counts.TryGetValue(it, out var b) && b > 0)
            .GroupBy(p => Math.Round(p.EnergyEv, 6))
            .OrderBy(g => g.Key)
            .Select(g => (EnergyEv: g.Key, Mu: g.Average(p => Math.Log(p.Counts[i0] / p.Counts[it]))))
            .ToList();
        return FromSpectrum([.. spectrum.Select(s => s.EnergyEv)], [.. spectrum.Select(s => s.Mu)], edgeEnergyEv - BelowEv, edgeEnergyEv + AboveEv);
    }

    /// <summary>Energy of the maximum of dμ/dE within [<paramref name="loEv"/>, <paramref name="hiEv"/>] (energies ascending); null with fewer than 3 derivatives there.</summary>
    public static double? FromSpectrum(IReadOnlyList<double> energiesEv, IReadOnlyList<double> mu, double loEv, double hiEv)
    {
        ArgumentNullException.ThrowIfNull(energiesEv);
        ArgumentNullException.ThrowIfNull(mu);
        var x = new List<double>();
        var d = new List<double>();
        for (var i = 1; i < energiesEv.Count - 1; i++)
        {
            if (energiesEv[i] >= loEv && energiesEv[i] <= hiEv)
            {
                x.Add(energiesEv[i]);
                d.Add((mu[i + 1] - mu[i - 1]) / (energiesEv[i + 1] - energiesEv[i - 1]));
            }
        }

        if (d.Count < 3)
        {
            return null;
        }

        var k = Enumerable.Range(1, d.Count - 2).MaxBy(i => d[i]);
        var denominator = d[k - 1] - (2 * d[k]) + d[k + 1];
        var offset = denominator == 0 ? 0 : 0.5 * (d[k - 1] - d[k + 1]) / denominator;
        return x[k] + (offset * (x[k + 1] - x[k]));
    }
}
