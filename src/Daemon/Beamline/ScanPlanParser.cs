using System.Globalization;
using OperandoRig.Simulators.Beamline;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// Parses a scan plan (YAML, every quantity with its unit) into a <see cref="ScanPlan"/>. Errors name the file, line,
/// field and value (<see cref="ScanPlanException"/>).
/// </summary>
/// <example>
/// <code>
/// name: ni-k-xanes
/// edge: Ni K                     # energies are relative to E0 = 8333 eV
/// regions:
///   - { from: -150 eV, to: -20 eV, step: 5 eV, count: 1 s }
///   - { from: -20 eV, to: 40 eV, step: 0.5 eV, count: 1 s }
///   - { from: 3.5 Å⁻¹, to: 12 Å⁻¹, step: 0.05 Å⁻¹, count: 1 s, k_weight: 2, max_count: 8 s }
/// sweeps: 2
/// detectors: [det]
/// settle: 20 ms
/// spots: [{ name: A, x: 1.0 mm, y: 0.5 mm }, { name: B, x: 1.2 mm, y: 0.5 mm }]
/// spares: [{ name: A2, x: 1.0 mm, y: 0.55 mm }]
/// dose_budget: 5 MGy
/// suspenders:
///   ring_current: { below: 250 mA, resume_at: 290 mA, settle: 60 s }
///   shutter: { settle: 2 s, open_on_resume: true }
///   bands: [{ signal: hutch.temperature, within: [20 degC, 26 degC], resume_within: [21 degC, 25 degC], settle: 10 min }]
/// </code>
/// </example>
public static class ScanPlanParser
{
    /// <summary>Most points one plan may expand to.</summary>
    public const int MaxPoints = 1_000_000;

    private const double MinCountS = 1e-3;
    private const double MaxCountS = 3600;

    /// <summary>Loads and parses the plan file at <paramref name="path"/>.</summary>
    /// <exception cref="ScanPlanException">The file is missing or the plan is invalid.</exception>
    public static ScanPlan Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? Parse(File.ReadAllText(full), Path.GetFileName(full))
            : throw new ScanPlanException(path, 0, "(file)", "the scan plan file does not exist");
    }

    /// <summary>Parses plan YAML; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScanPlanException">The plan is invalid; the message names the line, field and value.</exception>
    public static ScanPlan Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ScanPlanException(source, (int)ex.Start.Line, "(yaml)", $"not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScanPlanException(source, 1, "(plan)", "expected a map with name, edge or e0, regions or energies, detectors");
        }

        var y = new PlanYaml(source);
        y.RejectUnknownKeys(root, "", "name", "edge", "e0", "regions", "energies", "count", "sweeps", "detectors", "settle",
            "spots", "spares", "map", "order", "dose_budget", "suspenders");
        var name = PlanYaml.Optional(root, "name") is { } n ? y.Scalar(n, "name") : Path.GetFileNameWithoutExtension(source);
        var (edgeLabel, e0) = ParseEdge(y, root);
        var energies = PlanYaml.Optional(root, "regions") is { } regions
            ? ParseRegions(y, root, regions, edgeLabel, e0)
            : ParseEnergyList(y, root, edgeLabel, e0);
        var sweeps = PlanYaml.Optional(root, "sweeps") is { } s ? y.Integer(s, "sweeps", 1, 10_000) : 1;
        var detectors = ParseDetectors(y, root);
        var settle = PlanYaml.Optional(root, "settle") is { } st ? y.Quantity(st, "settle", BeamlineDimension.Time, 0, 3600, "0 s..1 h") : 0;
        var positions = ParsePositions(y, root);
        var spares = PlanYaml.Optional(root, "spares") is { } sp ? ParseSpots(y, sp, "spares") : [];
        var order = PlanYaml.Optional(root, "order") is { } o ? ParseOrder(y, o) : ScanOrder.Spectra;
        double? budget = PlanYaml.Optional(root, "dose_budget") is { } d ? y.Quantity(d, "dose_budget", BeamlineDimension.Dose, 1e-9, 1e12, "0..1e12 Gy (exclusive of 0)") : null;
        if (spares.Count > 0 && budget is null)
        {
            throw y.Error(root, "spares", "fresh spots are only taken when a dose budget is spent; give dose_budget too");
        }

        var names = positions.Concat(spares).GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (names is not null)
        {
            throw y.Error(root, "spots", $"spot name '{names.Key}' is used twice (spots and spares share one namespace)");
        }

        var suspenders = PlanYaml.Optional(root, "suspenders") is { } su ? ParseSuspenders(y, su) : [];
        var plan = new ScanPlan(name, source, edgeLabel, e0, energies, sweeps, positions, spares, order, detectors, settle, budget, suspenders);
        if ((long)energies.Count * sweeps * Math.Max(1, positions.Count) > MaxPoints)
        {
            throw y.Error(root, "(plan)", FormattableString.Invariant(
                $"{energies.Count} energies × {sweeps} sweeps × {Math.Max(1, positions.Count)} positions is more than {MaxPoints} points; split the plan"));
        }

        return plan;
    }

    private static (string? Label, double E0) ParseEdge(PlanYaml y, YamlMappingNode root)
    {
        var edgeNode = PlanYaml.Optional(root, "edge");
        var e0Node = PlanYaml.Optional(root, "e0");
        double? e0 = e0Node is null ? null : y.Quantity(e0Node, "e0", BeamlineDimension.Energy, 10, 100_000, "10 eV..100 keV");
        if (edgeNode is null)
        {
            return (e0 is null ? null : FormattableString.Invariant($"E0 {e0:G8} eV"), e0 ?? 0);
        }

        var text = y.Scalar(edgeNode, "edge").Trim();
        var parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = string.Join(", ", EdgeTable.All.Select(e => e.Label));
        if (parts.Length != 2)
        {
            throw y.Error(edgeNode, "edge", $"'{text}' is not an element and an edge; known: {known}");
        }

        var edge = EdgeTable.All.FirstOrDefault(e =>
            string.Equals(e.Element, parts[0], StringComparison.OrdinalIgnoreCase) && string.Equals(e.Edge, parts[1], StringComparison.OrdinalIgnoreCase))
            ?? throw y.Error(edgeNode, "edge", $"'{text}' is not in the edge table; known: {known} (or give e0: <energy> instead)");

        // e0 may refine the tabulated value (a beamline's own calibration); the label stays the edge's.
        return (edge.Label, e0 ?? edge.EnergyEv);
    }

    private static List<EnergyPoint> ParseRegions(PlanYaml y, YamlMappingNode root, YamlNode node, string? edge, double e0)
    {
        if (PlanYaml.Optional(root, "energies") is { } both)
        {
            throw y.Error(both, "energies", "give regions or energies, not both");
        }

        var list = y.List(node, "regions", "[{ from: -20 eV, to: 40 eV, step: 0.5 eV, count: 1 s }]");
        if (list.Children.Count == 0)
        {
            throw y.Error(node, "regions", "empty; give at least one region");
        }

        var points = new List<EnergyPoint>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var field = $"regions[{i}]";
            var m = y.Map(list.Children[i], field, "{ from: -20 eV, to: 40 eV, step: 0.5 eV, count: 1 s }");
            y.RejectUnknownKeys(m, field + ".", "from", "to", "step", "count", "k_weight", "max_count", "absolute");
            var fromText = y.Scalar(y.Required(m, "from", field + "."), field + ".from");
            bool isK = BeamlineQuantity.TryParse(fromText, BeamlineDimension.Wavenumber, out _, out _);
            var region = isK ? KRegion(y, m, field, i, edge, e0) : EnergyRegion(y, m, field, i, edge, e0);
            foreach (var p in region)
            {
                if (points.Count > 0 && p.EnergyEv <= points[^1].EnergyEv + 1e-6)
                {
                    if (Math.Abs(p.EnergyEv - points[^1].EnergyEv) <= 1e-6)
                    {
                        continue; // a region starting where the last ended shares that point
                    }

                    throw y.Error(m, field + ".from", FormattableString.Invariant(
                        $"the region starts at {p.EnergyEv:F3} eV, below the end of the previous region ({points[^1].EnergyEv:F3} eV); regions must ascend without overlap"));
                }

                points.Add(p);
                if (points.Count > MaxPoints)
                {
                    throw y.Error(m, field, FormattableString.Invariant($"more than {MaxPoints} energies; use a coarser step"));
                }
            }
        }

        return points;
    }

    private static List<EnergyPoint> EnergyRegion(PlanYaml y, YamlMappingNode m, string field, int index, string? edge, double e0)
    {
        bool absolute = PlanYaml.Optional(m, "absolute") is { } a ? y.Boolean(a, field + ".absolute") : edge is null;
        double offset = absolute ? 0 : e0;
        double from = y.Quantity(m.Children[new YamlScalarNode("from")], field + ".from", BeamlineDimension.Energy) + offset;
        double to = y.Quantity(y.Required(m, "to", field + "."), field + ".to", BeamlineDimension.Energy) + offset;
        double step = y.Quantity(y.Required(m, "step", field + "."), field + ".step", BeamlineDimension.Energy, 1e-3, 10_000, "1 meV..10 keV");
        double count = Count(y, m, field);
        if (PlanYaml.Optional(m, "k_weight") is { } kw)
        {
            throw y.Error(kw, field + ".k_weight", "k-weighted count times need a region in k (from/to/step in Å⁻¹)");
        }

        CheckEnergy(y, m, field + ".from", from);
        CheckEnergy(y, m, field + ".to", to);
        if (!(to >= from))
        {
            throw y.Error(m, field + ".to", FormattableString.Invariant($"{to - offset:G8} eV is below from ({from - offset:G8} eV); regions ascend"));
        }

        return [.. Grid(from, to, step).Select(e => new EnergyPoint(e, count, index))];
    }

    private static List<EnergyPoint> KRegion(PlanYaml y, YamlMappingNode m, string field, int index, string? edge, double e0)
    {
        if (edge is null)
        {
            throw y.Error(m, field + ".from", "a region in k needs the edge it is relative to (edge: Ni K, or e0: 8333 eV)");
        }

        if (PlanYaml.Optional(m, "absolute") is { } a && y.Boolean(a, field + ".absolute"))
        {
            throw y.Error(a, field + ".absolute", "a region in k is always relative to E0");
        }

        double from = y.Quantity(m.Children[new YamlScalarNode("from")], field + ".from", BeamlineDimension.Wavenumber, 0, 30, "0..30 Å⁻¹");
        double to = y.Quantity(y.Required(m, "to", field + "."), field + ".to", BeamlineDimension.Wavenumber, 0, 30, "0..30 Å⁻¹");
        double step = y.Quantity(y.Required(m, "step", field + "."), field + ".step", BeamlineDimension.Wavenumber, 1e-3, 5, "0.001..5 Å⁻¹");
        double count = Count(y, m, field);
        double weight = PlanYaml.Optional(m, "k_weight") is { } kw ? y.Number(kw, field + ".k_weight", 0, 4) : 0;
        double maxCount = PlanYaml.Optional(m, "max_count") is { } mc
            ? y.Quantity(mc, field + ".max_count", BeamlineDimension.Time, count, MaxCountS, FormattableString.Invariant($"count ({count:G6} s)..1 h"))
            : MaxCountS;
        if (!(to >= from))
        {
            throw y.Error(m, field + ".to", FormattableString.Invariant($"{to:G6} Å⁻¹ is below from ({from:G6} Å⁻¹); regions ascend"));
        }

        if (weight > 0 && !(from > 0))
        {
            throw y.Error(m, field + ".from", "k-weighted count times scale as (k / from)^k_weight, so from must be above 0 Å⁻¹");
        }

        CheckEnergy(y, m, field + ".to", e0 + (AbsorptionEdge.EvPerInverseAngstromSquared * to * to));
        return
        [
            .. Grid(from, to, step).Select(k => new EnergyPoint(
                e0 + (AbsorptionEdge.EvPerInverseAngstromSquared * k * k),
                weight > 0 ? Math.Min(maxCount, count * Math.Pow(k / from, weight)) : count,
                index,
                k)),
        ];
    }

    private static double Count(PlanYaml y, YamlMappingNode m, string field) =>
        y.Quantity(y.Required(m, "count", field + "."), field + ".count", BeamlineDimension.Time, MinCountS, MaxCountS, "1 ms..1 h");

    private static void CheckEnergy(PlanYaml y, YamlMappingNode m, string field, double energyEv)
    {
        if (!(energyEv > 0 && energyEv <= 100_000))
        {
            throw y.Error(m, field, FormattableString.Invariant($"gives {energyEv:G8} eV, outside 0..100 keV"));
        }
    }

    /// <summary>from, from + step, … up to and including <paramref name="to"/> when it falls on the grid.</summary>
    private static IEnumerable<double> Grid(double from, double to, double step)
    {
        long n = (long)Math.Floor(((to - from) / step) + 1e-9);
        for (long i = 0; i <= n && i <= MaxPoints; i++)
        {
            yield return from + (i * step);
        }
    }

    private static List<EnergyPoint> ParseEnergyList(PlanYaml y, YamlMappingNode root, string? edge, double e0)
    {
        var node = PlanYaml.Optional(root, "energies") ?? throw y.Error(root, "regions", "missing; give regions (or an energies list with count)");
        var list = y.List(node, "energies", "[8300 eV, 8333 eV, 8350 eV]");
        var countNode = PlanYaml.Optional(root, "count") ?? throw y.Error(root, "count", "missing; an energies list needs the count time per point, e.g. count: 2 s");
        double count = y.Quantity(countNode, "count", BeamlineDimension.Time, MinCountS, MaxCountS, "1 ms..1 h");
        double offset = edge is null ? 0 : e0;
        var points = new List<EnergyPoint>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            double e = y.Quantity(list.Children[i], $"energies[{i}]", BeamlineDimension.Energy) + offset;
            CheckEnergy(y, root, $"energies[{i}]", e);
            points.Add(new EnergyPoint(e, count, 0));
        }

        return points.Count > 0 ? points : throw y.Error(node, "energies", "empty; give at least one energy");
    }

    private static List<string> ParseDetectors(PlanYaml y, YamlMappingNode root)
    {
        var node = PlanYaml.Optional(root, "detectors") ?? throw y.Error(root, "detectors", "missing; name the detectors read at every point, e.g. [det]");
        var list = y.List(node, "detectors", "[det]");
        var names = list.Children.Select((c, i) => y.Scalar(c, $"detectors[{i}]")).ToList();
        if (names.Count == 0)
        {
            throw y.Error(node, "detectors", "empty; read at least one detector");
        }

        var twice = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? names : throw y.Error(node, "detectors", $"'{twice.Key}' is listed twice");
    }

    private static List<ScanPosition> ParsePositions(PlanYaml y, YamlMappingNode root)
    {
        var spots = PlanYaml.Optional(root, "spots");
        var map = PlanYaml.Optional(root, "map");
        if (spots is not null && map is not null)
        {
            throw y.Error(map, "map", "give spots or a map, not both (a map and then point spectra are two plans)");
        }

        return spots is not null ? ParseSpots(y, spots, "spots") : map is not null ? ParseMap(y, map) : [];
    }

    private static List<ScanPosition> ParseSpots(PlanYaml y, YamlNode node, string field)
    {
        var list = y.List(node, field, "[{ name: A, x: 1.0 mm, y: 0.5 mm }]");
        var result = new List<ScanPosition>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"{field}[{i}]";
            var m = y.Map(list.Children[i], path, "{ name: A, x: 1.0 mm, y: 0.5 mm }");
            var name = y.Scalar(y.Required(m, "name", path + "."), path + ".name");
            var axes = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in m.Children)
            {
                var axis = y.Scalar(key, path + ".(key)");
                if (axis != "name")
                {
                    axes[axis] = y.Quantity(value, $"{path}.{axis}", BeamlineDimension.Length, -1000, 1000, "-1 m..1 m");
                }
            }

            if (axes.Count == 0)
            {
                throw y.Error(m, path, $"spot '{name}' gives no axis position (e.g. x: 1.0 mm)");
            }

            result.Add(new ScanPosition(name, axes));
        }

        return result.Count > 0 ? result : throw y.Error(node, field, "empty");
    }

    private static List<ScanPosition> ParseMap(PlanYaml y, YamlNode node)
    {
        var m = y.Map(node, "map", "{ x: { from: 0 mm, to: 0.1 mm, step: 10 µm }, y: { from: 0 mm, to: 0.1 mm, step: 10 µm } }");
        bool snake = PlanYaml.Optional(m, "snake") is { } s && y.Boolean(s, "map.snake");
        var axes = new List<(string Axis, List<double> Values)>();
        foreach (var (key, value) in m.Children)
        {
            var axis = y.Scalar(key, "map.(key)");
            if (axis == "snake")
            {
                continue;
            }

            var path = $"map.{axis}";
            var a = y.Map(value, path, "{ from: 0 mm, to: 0.1 mm, step: 10 µm }");
            y.RejectUnknownKeys(a, path + ".", "from", "to", "step");
            double from = y.Quantity(y.Required(a, "from", path + "."), path + ".from", BeamlineDimension.Length, -1000, 1000, "-1 m..1 m");
            double to = y.Quantity(y.Required(a, "to", path + "."), path + ".to", BeamlineDimension.Length, -1000, 1000, "-1 m..1 m");
            double step = y.Quantity(y.Required(a, "step", path + "."), path + ".step", BeamlineDimension.Length, 1e-6, 1000, "1 nm..1 m");
            if (!(to >= from))
            {
                throw y.Error(a, path + ".to", "must be at or above from");
            }

            var values = Grid(from, to, step).ToList();
            if (values.Count > MaxPoints)
            {
                throw y.Error(a, path + ".step", FormattableString.Invariant($"gives more than {MaxPoints} positions"));
            }

            axes.Add((axis, values));
        }

        if (axes.Count is 0 or > 2)
        {
            throw y.Error(m, "map", "a line map has one axis, a raster map two (the first listed is the slow axis)");
        }

        var result = new List<ScanPosition>();
        if (axes.Count == 1)
        {
            for (var i = 0; i < axes[0].Values.Count; i++)
            {
                result.Add(new ScanPosition(string.Create(CultureInfo.InvariantCulture, $"map[{i}]"),
                    new Dictionary<string, double>(StringComparer.Ordinal) { [axes[0].Axis] = axes[0].Values[i] }));
            }

            return result;
        }

        var (slow, fast) = (axes[0], axes[1]);
        if ((long)slow.Values.Count * fast.Values.Count > MaxPoints)
        {
            throw y.Error(m, "map", FormattableString.Invariant($"{slow.Values.Count} × {fast.Values.Count} positions is more than {MaxPoints}"));
        }

        for (var i = 0; i < slow.Values.Count; i++)
        {
            bool reverse = snake && i % 2 == 1;
            for (var jj = 0; jj < fast.Values.Count; jj++)
            {
                int j = reverse ? fast.Values.Count - 1 - jj : jj;
                result.Add(new ScanPosition(string.Create(CultureInfo.InvariantCulture, $"map[{i},{j}]"),
                    new Dictionary<string, double>(StringComparer.Ordinal) { [slow.Axis] = slow.Values[i], [fast.Axis] = fast.Values[j] }));
            }
        }

        return result;
    }

    private static ScanOrder ParseOrder(PlanYaml y, YamlNode node) => y.Scalar(node, "order") switch
    {
        "spectra" => ScanOrder.Spectra,
        "stack" => ScanOrder.Stack,
        var other => throw y.Error(node, "order", $"'{other}' is not an order; use spectra (a spectrum per position) or stack (an image per energy)"),
    };

    private static List<SuspenderSpec> ParseSuspenders(PlanYaml y, YamlNode node)
    {
        var m = y.Map(node, "suspenders", "{ ring_current: { below: 250 mA, resume_at: 290 mA, settle: 60 s }, shutter: { settle: 2 s } }");
        y.RejectUnknownKeys(m, "suspenders.", "ring_current", "shutter", "bands");
        var result = new List<SuspenderSpec>();
        if (PlanYaml.Optional(m, "ring_current") is { } rc)
        {
            var r = y.Map(rc, "suspenders.ring_current", "{ below: 250 mA, resume_at: 290 mA, settle: 60 s }");
            y.RejectUnknownKeys(r, "suspenders.ring_current.", "below", "resume_at", "settle");
            double below = y.Quantity(y.Required(r, "below", "suspenders.ring_current."), "suspenders.ring_current.below", BeamlineDimension.RingCurrent, 0, 10_000, "0..10 A");
            double resume = PlanYaml.Optional(r, "resume_at") is { } ra
                ? y.Quantity(ra, "suspenders.ring_current.resume_at", BeamlineDimension.RingCurrent, 0, 10_000, "0..10 A")
                : below;
            if (resume < below)
            {
                throw y.Error(r, "suspenders.ring_current.resume_at", FormattableString.Invariant(
                    $"{resume:G6} mA is below the suspend threshold {below:G6} mA; the resume threshold must be at or above it"));
            }

            result.Add(new RingCurrentSuspender(below, resume, Settle(y, r, "suspenders.ring_current")));
        }

        if (PlanYaml.Optional(m, "shutter") is { } sh)
        {
            var s = y.Map(sh, "suspenders.shutter", "{ settle: 2 s, open_on_resume: true }");
            y.RejectUnknownKeys(s, "suspenders.shutter.", "settle", "open_on_resume");
            bool open = PlanYaml.Optional(s, "open_on_resume") is not { } o || y.Boolean(o, "suspenders.shutter.open_on_resume");
            result.Add(new ShutterSuspender(Settle(y, s, "suspenders.shutter"), open));
        }

        if (PlanYaml.Optional(m, "bands") is { } bands)
        {
            var list = y.List(bands, "suspenders.bands", "[{ signal: hutch.temperature, within: [20 degC, 26 degC], settle: 10 min }]");
            for (var i = 0; i < list.Children.Count; i++)
            {
                result.Add(ParseBand(y, list.Children[i], $"suspenders.bands[{i}]"));
            }
        }

        return result;
    }

    private static BandSuspender ParseBand(PlanYaml y, YamlNode node, string field)
    {
        var b = y.Map(node, field, "{ signal: hutch.temperature, within: [20 degC, 26 degC], resume_within: [21 degC, 25 degC], settle: 10 min }");
        y.RejectUnknownKeys(b, field + ".", "signal", "within", "resume_within", "settle");
        var signal = y.Scalar(y.Required(b, "signal", field + "."), field + ".signal");
        var (min, max, unit) = Band(y, y.Required(b, "within", field + "."), field + ".within", null);
        var (rmin, rmax, _) = PlanYaml.Optional(b, "resume_within") is { } rw ? Band(y, rw, field + ".resume_within", unit) : (min, max, unit);
        if (rmin < min || rmax > max)
        {
            throw y.Error(b, field + ".resume_within", FormattableString.Invariant(
                $"[{rmin:G6}, {rmax:G6}] {unit} must lie within the suspend band [{min:G6}, {max:G6}] {unit}"));
        }

        return new BandSuspender(signal, unit, min, max, rmin, rmax, Settle(y, b, field));
    }

    private static (double Min, double Max, string Unit) Band(PlanYaml y, YamlNode node, string field, string? unit)
    {
        if (node is not YamlSequenceNode { Children.Count: 2 } pair)
        {
            throw y.Error(node, field, "expected [min, max] with units, e.g. [20 degC, 26 degC]");
        }

        var values = new double[2];
        var units = new string[2];
        for (var i = 0; i < 2; i++)
        {
            var text = y.Scalar(pair.Children[i], $"{field}[{i}]");
            if (!BeamlineQuantity.TrySplit(text, out values[i], out units[i]))
            {
                throw y.Error(pair.Children[i], $"{field}[{i}]", $"'{text}' is not a number with a unit, e.g. 20 degC");
            }
        }

        unit ??= units[0];
        if (units[0] != unit || units[1] != unit)
        {
            throw y.Error(node, field, $"both ends must carry the signal's unit '{unit}' (got '{units[0]}', '{units[1]}')");
        }

        return values[1] > values[0] ? (values[0], values[1], unit) : throw y.Error(node, field, "the maximum must be above the minimum");
    }

    private static double Settle(PlanYaml y, YamlMappingNode m, string field) =>
        PlanYaml.Optional(m, "settle") is { } s ? y.Quantity(s, field + ".settle", BeamlineDimension.Time, 0, 86_400, "0 s..24 h") : 0;
}
