using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Electrochemistry.Analytics;

/// <summary>
/// Differential capacity dQ/dV of one cycle and direction, by <b>voltage binning</b>: the charge of every interval
/// between samples (integrated exactly as <see cref="CycleAnalyzer"/> does) is spread over the voltage bins its
/// voltage swept, in proportion to the overlap, and each bin's charge is divided by the bin width.
/// <para>Why binning rather than smoothing then differentiating: point-wise ΔQ/ΔV divides by voltage steps that on a
/// plateau are as small as the noise, so it explodes or changes sign, and every smoother needs a window tuned to
/// the sample rate. Binning never divides by a measured ΔV, cannot create or lose charge (the area under the curve
/// is the cycle's capacity in that direction, exactly), puts charge on the correct side of a noisy plateau, works
/// for any sample spacing, and has one physical knob, the bin width in volts. The cost is a resolution of one bin
/// width, and voltage noise blurs peaks by about its own amplitude.</para>
/// </summary>
public static class DifferentialCapacity
{
    /// <summary>Most bins one curve may span (1e6: 0..5 V at 5 µV); more means a wild voltage reading.</summary>
    public const long MaxBins = 1_000_000;

    /// <summary>
    /// dQ/dV of <paramref name="cycle"/> in <paramref name="direction"/> from stored samples of one run (in sequence
    /// order), as points at the bin centres in ascending voltage, from the lowest to the highest bin reached (empty
    /// bins in between are zeros). Empty when the cycle passed no charge in that direction.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static IReadOnlyList<DqDvPoint> Compute(
        IEnumerable<SampleRecord> samples, int cycle, CycleDirection direction, DifferentialCapacityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return Compute(samples.Select(AnalyzerSample.From), cycle, direction, options);
    }

    /// <summary>As <see cref="Compute(IEnumerable{SampleRecord}, int, CycleDirection, DifferentialCapacityOptions?)"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static IReadOnlyList<DqDvPoint> Compute(
        IEnumerable<AnalyzerSample> samples, int cycle, CycleDirection direction, DifferentialCapacityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        options ??= new DifferentialCapacityOptions();
        options.Validate();
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction,
                $"{nameof(direction)}: {direction} is not one of {string.Join(", ", Enum.GetNames<CycleDirection>())}");
        }

        var width = options.BinWidthV;
        var bins = new Dictionary<long, double>();
        var started = false;
        AnalyzerSample previous = default;
        foreach (var sample in samples)
        {
            if (!double.IsFinite(sample.TimeUnixS) || !double.IsFinite(sample.VoltageV) || !double.IsFinite(sample.CurrentA))
            {
                continue;
            }

            if (started && sample.Cycle == cycle)
            {
                var part = IntervalIntegrator.Integrate(previous, sample);
                if (direction == CycleDirection.Charge)
                {
                    Spread(bins, width, part.ChargeAh, part.ChargeFromV, part.ChargeToV);
                }
                else
                {
                    Spread(bins, width, part.DischargeAh, part.DischargeFromV, part.DischargeToV);
                }
            }

            started = true;
            previous = sample;
        }

        if (bins.Count == 0)
        {
            return [];
        }

        var lowest = bins.Keys.Min();
        var highest = bins.Keys.Max();
        if (highest - lowest >= MaxBins)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), highest * width, FormattableString.Invariant(
                $"the cycle's voltages {lowest * width} .. {(highest + 1) * width} V span {highest - lowest + 1} bins of {width} V; at most {MaxBins} bins are allowed (check for wild voltage readings or widen the bins)"));
        }

        var points = new DqDvPoint[highest - lowest + 1];
        for (var k = lowest; k <= highest; k++)
        {
            points[k - lowest] = new DqDvPoint((k + 0.5) * width, bins.GetValueOrDefault(k) / width);
        }

        return points;
    }

    private static void Spread(Dictionary<long, double> bins, double width, double chargeAh, double fromV, double toV)
    {
        if (!(chargeAh > 0))
        {
            return;
        }

        var lo = Math.Min(fromV, toV);
        var hi = Math.Max(fromV, toV);
        var first = (long)Math.Floor(lo / width);
        var last = (long)Math.Floor(hi / width);
        if (first == last || !(hi > lo))
        {
            Add(bins, first, chargeAh);
            return;
        }

        if (last - first >= MaxBins)
        {
            throw new ArgumentOutOfRangeException(nameof(toV), toV, FormattableString.Invariant(
                $"an interval sweeping {fromV} .. {toV} V spans {last - first + 1} bins of {width} V; at most {MaxBins} bins are allowed (check for wild voltage readings or widen the bins)"));
        }

        var span = hi - lo;
        for (var k = first; k <= last; k++)
        {
            var overlap = Math.Min(hi, (k + 1) * width) - Math.Max(lo, k * width);
            if (overlap > 0)
            {
                Add(bins, k, chargeAh * overlap / span);
            }
        }
    }

    private static void Add(Dictionary<long, double> bins, long bin, double chargeAh) =>
        bins[bin] = bins.GetValueOrDefault(bin) + chargeAh;
}
