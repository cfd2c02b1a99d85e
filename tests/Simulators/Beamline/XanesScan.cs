namespace OperandoRig.Simulators.Tests.Beamline;

/// <summary>Energy grids and edge-finding for XANES tests.</summary>
internal static class XanesScan
{
    /// <summary>8300–8400 eV: 2 eV steps far from the edge, 0.25 eV steps over 8320–8350 eV.</summary>
    public static IReadOnlyList<double> NiKGrid()
    {
        var energies = new List<double>();
        for (double e = 8300; e < 8320; e += 2)
        {
            energies.Add(e);
        }

        for (double e = 8320; e < 8350; e += 0.25)
        {
            energies.Add(e);
        }

        for (double e = 8350; e <= 8400; e += 2)
        {
            energies.Add(e);
        }

        return energies;
    }

    /// <summary>Energy of the maximum of the first derivative within [lo, hi], refined by a parabola through the peak.</summary>
    public static double EdgePositionEv(IReadOnlyList<double> energies, IReadOnlyList<double> mu, double lo, double hi)
    {
        var x = new List<double>();
        var d = new List<double>();
        for (int i = 1; i < energies.Count - 1; i++)
        {
            if (energies[i] >= lo && energies[i] <= hi)
            {
                x.Add(energies[i]);
                d.Add((mu[i + 1] - mu[i - 1]) / (energies[i + 1] - energies[i - 1]));
            }
        }

        int k = Enumerable.Range(1, d.Count - 2).MaxBy(i => d[i]);
        double denominator = d[k - 1] - (2 * d[k]) + d[k + 1];
        double offset = denominator == 0 ? 0 : 0.5 * (d[k - 1] - d[k + 1]) / denominator;
        return x[k] + (offset * (x[k + 1] - x[k]));
    }
}
