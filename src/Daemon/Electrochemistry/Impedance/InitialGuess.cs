namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// Starting points for the fit, read from the spectrum: the high-frequency intercept for the first series resistor,
/// the arcs' apex frequencies and widths for the RC/CPE pairs (assigned in the order written, i.e. by decreasing
/// frequency), the low-frequency tail for Warburg and series capacitors. When the spectrum shows fewer arcs than the
/// circuit has, variants place the missing ones above the window, below the last arc, or split the largest; other
/// variants spread all arcs evenly in log f and vary the CPE exponent. User guesses override every variant.
/// </summary>
internal static class InitialGuess
{
    private static readonly double[] Exponents = [0.9, 0.75, 0.98];

    public static List<double[]> Starts(EquivalentCircuit circuit, SpectrumFeatures s, IReadOnlyDictionary<string, double>? user, int maxStarts)
    {
        var structure = new CircuitStructure(circuit.Root);
        var n = structure.Arcs.Count;
        var placements = new List<double[]>();
        foreach (var placement in DetectedPlacements(s, n).Append(SpreadPlacement(s, n)))
        {
            if (!placements.Any(p => p.SequenceEqual(placement)))
            {
                placements.Add(placement);
            }
        }

        var starts = new List<double[]>();
        foreach (var alpha in Exponents)
        {
            foreach (var apexes in placements)
            {
                if (starts.Count < maxStarts)
                {
                    starts.Add(Build(circuit, structure, s, apexes, alpha, user));
                }
            }
        }

        return starts;
    }

    private static IEnumerable<double[]> DetectedPlacements(SpectrumFeatures s, int n)
    {
        var found = s.Arcs
            .OrderByDescending(a => a.HeightOhm).Take(n)
            .Select(a => a.ApexHz).OrderDescending().ToList();
        var missing = n - found.Count;
        if (missing <= 0)
        {
            yield return [.. found];
            yield break;
        }

        // Missing arcs above the window (e.g. grain boundaries of a fast electrolyte).
        yield return [.. Enumerable.Range(0, missing).Select(k => s.MaxFrequencyHz * Math.Pow(10, 0.5 + (missing - k - 1))).Concat(found)];

        // Missing arcs below the lowest one found.
        var lowest = found.Count > 0 ? found[^1] : Math.Sqrt(s.MaxFrequencyHz * s.MinFrequencyHz);
        yield return [.. found.Concat(Enumerable.Range(1, missing).Select(k => Math.Max(lowest / Math.Pow(10, k), s.MinFrequencyHz)))];

        // The largest arc split into overlapping ones around its apex.
        if (found.Count > 0)
        {
            var largest = s.Arcs.OrderByDescending(a => a.HeightOhm).First().ApexHz;
            var split = found.Where(f => f != largest)
                .Concat(Enumerable.Range(0, missing + 1).Select(k => largest * Math.Pow(10, (missing / 2.0) - k)))
                .OrderDescending();
            yield return [.. split];
        }
    }

    private static double[] SpreadPlacement(SpectrumFeatures s, int n)
    {
        var top = Math.Log10(s.MaxFrequencyHz * 3);
        var bottom = Math.Log10(s.MinFrequencyHz * 10);
        return [.. Enumerable.Range(0, n).Select(k => Math.Pow(10, n == 1 ? (top + bottom) / 2 : top - ((top - bottom) * k / (n - 1))))];
    }

    private static double[] Build(EquivalentCircuit circuit, CircuitStructure structure, SpectrumFeatures s,
        double[] apexesHz, double alpha, IReadOnlyDictionary<string, double>? user)
    {
        var values = new double[circuit.Parameters.Count];
        var span = Math.Max(s.LowFrequencyResistanceOhm - s.HighFrequencyInterceptOhm, 1e-3 * s.Scale);
        var tailOhm = 0.3 * Math.Max(-s.Data[^1].ImpedanceOhm.Imaginary, 0.01 * s.Scale);
        var omegaMin = 2 * Math.PI * s.MinFrequencyHz;
        var omegaMax = 2 * Math.PI * s.MaxFrequencyHz;
        var hasWarburg = structure.Elements.Any(e => e.Type is CircuitElementType.Warburg or CircuitElementType.WarburgShort or CircuitElementType.WarburgOpen);
        foreach (var e in structure.Elements)
        {
            var o = e.Offset;
            switch (e.Type)
            {
                case CircuitElementType.Resistor:
                    values[o] = 0.1 * span;
                    break;
                case CircuitElementType.Capacitor:
                    values[o] = 1 / (omegaMin * tailOhm);
                    break;
                case CircuitElementType.Inductor:
                    values[o] = Math.Max(s.HighFrequencyInductanceH, 1e-3 * s.HighFrequencyInterceptOhm / omegaMax);
                    break;
                case CircuitElementType.ConstantPhase:
                    values[o] = 1 / (tailOhm * Math.Pow(omegaMin, 0.8));
                    values[o + 1] = 0.8;
                    break;
                case CircuitElementType.Warburg:
                    values[o] = s.TailWarburgOhmSqrtS;
                    break;
                default:
                    values[o + 1] = 3 / omegaMin;
                    values[o] = s.TailWarburgOhmSqrtS * Math.Sqrt(2 * values[o + 1]);
                    break;
            }
        }

        // Arcs: resistance = rise of Z' across the band of log f around each apex.
        var beyond = 0.0;
        for (var k = 0; k < structure.Arcs.Count; k++)
        {
            var arc = structure.Arcs[k];
            var apex = apexesHz[k];
            var upperEdge = k == 0 ? double.PositiveInfinity : Math.Sqrt(apexesHz[k - 1] * apex);
            var lowerEdge = k == apexesHz.Length - 1 ? 0 : Math.Sqrt(apexesHz[k + 1] * apex);
            var r = s.RealOhmAt(lowerEdge) - s.RealOhmAt(upperEdge);
            if (k == apexesHz.Length - 1 && hasWarburg)
            {
                r -= s.TailWarburgOhmSqrtS / Math.Sqrt(omegaMin);
            }

            if (apex > s.MaxFrequencyHz)
            {
                r = 0.3 * s.HighFrequencyInterceptOhm;
                beyond += r;
            }

            r = Math.Max(r, 1e-2 * span);
            values[arc.Resistor.Offset] = r;
            var omega = 2 * Math.PI * apex;
            if (arc.Capacitor.Type == CircuitElementType.Capacitor)
            {
                values[arc.Capacitor.Offset] = 1 / (r * omega);
            }
            else
            {
                values[arc.Capacitor.Offset] = 1 / (r * Math.Pow(omega, alpha));
                values[arc.Capacitor.Offset + 1] = alpha;
            }
        }

        for (var k = 0; k < structure.SeriesResistors.Count; k++)
        {
            values[structure.SeriesResistors[k].Offset] = k == 0
                ? Math.Max(s.HighFrequencyInterceptOhm - beyond, 0.1 * s.HighFrequencyInterceptOhm)
                : 0.01 * s.HighFrequencyInterceptOhm;
        }

        if (user is not null)
        {
            foreach (var (name, value) in user)
            {
                values[circuit.IndexOf(name)] = value;
            }
        }

        return values;
    }
}
