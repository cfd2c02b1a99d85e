using System.Globalization;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Simulators.Beamline;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Beamline;

/// <summary>
/// Parses the rig file's <c>beamline:</c> section (every quantity with its unit). Errors are
/// <see cref="ScanPlanException"/>s naming the file, line, <c>beamline.…</c> field and value; the rig loader turns them
/// into its own error type.
/// </summary>
/// <example>
/// <code>
/// beamline:
///   driver: simulated
///   mono: { range: [2100 eV, 25000 eV], initial: 8333 eV, settle: 100 ms }
///   stage: { x: [-25 mm, 25 mm], y: [-25 mm, 25 mm], z: [-5 mm, 5 mm] }
///   ring: { current: 300 mA, lifetime: 10 h, top_up_every: 10 min, dumps_per_hour: 0.02, dumps_at: [3 h], refill_delay: 30 min, refill: 5 min }
///   shutter: { stroke: 500 ms, interlocked: true }
///   detectors: [{ name: det, readout: 5 ms }]
///   i0: det.I0
///   beam: { flux: 1e9 photons/s, footprint: [5 µm, 5 µm] }
///   sample: { edge: Ni K, thickness: 30 µm, density: 3.0 g/cm3, particles: 10 µm }   # particles: the beam sees single particles
///   holder:
///     - { channel: ch1, at: { x: 0 mm, y: 0 mm }, radius: 2 mm, spots: [{ name: A, x: 0 mm, y: 0 mm }, { name: B, x: 0.2 mm, y: 0 mm }] }
/// </code>
/// </example>
public static class BeamlineConfigParser
{
    /// <summary>Parses the section at <paramref name="node"/>; <paramref name="channels"/> are the rig's channel ids.</summary>
    public static BeamlineConfig Parse(YamlNode node, string source, IReadOnlyCollection<string> channels)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(channels);
        var y = new PlanYaml(source);
        var m = y.Map(node, "beamline", "{ driver: simulated, mono: { ... }, holder: [ ... ] }");
        y.RejectUnknownKeys(m, "beamline.", "driver", "mono", "stage", "ring", "shutter", "detectors", "i0", "beam", "sample", "holder");
        var driver = PlanYaml.Optional(m, "driver") is { } d ? y.Scalar(d, "beamline.driver") : "simulated";
        if (driver != "simulated")
        {
            throw y.Error(m, "beamline.driver", $"'{driver}' is not a known beamline driver; available: simulated");
        }

        var mono = PlanYaml.Optional(m, "mono") is { } mo ? Mono(y, mo) : new SimulatedMonochromatorOptions();
        var stage = PlanYaml.Optional(m, "stage") is { } st ? Stage(y, st) : new SimulatedStageOptions();
        var ring = PlanYaml.Optional(m, "ring") is { } r ? Ring(y, r) : new SimulatedRingOptions();
        var shutter = PlanYaml.Optional(m, "shutter") is { } sh ? Shutter(y, sh) : new SimulatedShutterOptions();
        var detectors = PlanYaml.Optional(m, "detectors") is { } de ? Detectors(y, de) : [new SimulatedDetectorOptions()];
        var (beam, absorbed) = PlanYaml.Optional(m, "beam") is { } b ? Beam(y, b) : (new BeamPathOptions(), 1.0);
        var (sample, particlesUm) = PlanYaml.Optional(m, "sample") is { } sa ? Sample(y, sa) : (new XanesSampleOptions(), null);
        string? i0 = PlanYaml.Optional(m, "i0") is { } i ? y.Scalar(i, "beamline.i0") : detectors.Count > 0 ? detectors[0].Name + "." + SimulatedDetector.I0 : null;
        if (i0 is not null && !detectors.Any(det => i0 == det.Name + "." + SimulatedDetector.I0))
        {
            throw y.Error(m, "beamline.i0", $"'{i0}' is not a detector's I0 channel; known: {string.Join(", ", detectors.Select(det => det.Name + "." + SimulatedDetector.I0))}");
        }

        var holder = PlanYaml.Optional(m, "holder") is { } h ? Holder(y, h, channels, stage) : [];
        var config = new BeamlineConfig(driver, mono, stage, ring, shutter, detectors, beam, sample, i0, absorbed, holder) { ParticleDiameterUm = particlesUm };
        try
        {
            mono.Validate();
            stage.Validate();
            ring.Validate();
            shutter.Validate();
            beam.Validate();
            sample.Validate();
            foreach (var det in detectors)
            {
                det.Validate();
            }
        }
        catch (ArgumentException ex)
        {
            throw y.Error(m, "beamline", ex.Message);
        }

        return config;
    }

    private static SimulatedMonochromatorOptions Mono(PlanYaml y, YamlNode node)
    {
        var m = y.Map(node, "beamline.mono", "{ range: [2100 eV, 25000 eV], initial: 8333 eV, settle: 100 ms }");
        y.RejectUnknownKeys(m, "beamline.mono.", "name", "range", "initial", "settle");
        var o = new SimulatedMonochromatorOptions();
        if (PlanYaml.Optional(m, "name") is { } n)
        {
            o = o with { Name = y.Scalar(n, "beamline.mono.name") };
        }

        if (PlanYaml.Optional(m, "range") is { } r)
        {
            var (lo, hi) = Pair(y, r, "beamline.mono.range", BeamlineDimension.Energy);
            o = o with { EnergyRangeEv = new ValueRange(lo, hi) };
        }

        if (PlanYaml.Optional(m, "initial") is { } i)
        {
            o = o with { InitialEnergyEv = y.Quantity(i, "beamline.mono.initial", BeamlineDimension.Energy) };
        }

        if (PlanYaml.Optional(m, "settle") is { } s)
        {
            o = o with { SettleS = y.Quantity(s, "beamline.mono.settle", BeamlineDimension.Time, 0, 60, "0..60 s") };
        }

        return o;
    }

    private static SimulatedStageOptions Stage(PlanYaml y, YamlNode node)
    {
        var m = y.Map(node, "beamline.stage", "{ x: [-25 mm, 25 mm], y: [-25 mm, 25 mm] }");
        var axes = new List<SimulatedMotorAxisOptions>();
        foreach (var (key, value) in m.Children)
        {
            var axis = y.Scalar(key, "beamline.stage.(key)");
            var (lo, hi) = Pair(y, value, $"beamline.stage.{axis}", BeamlineDimension.Length);
            axes.Add(new SimulatedMotorAxisOptions { Name = axis, LimitsMm = new ValueRange(lo, hi), InitialPositionMm = Math.Clamp(0, lo, hi) });
        }

        return axes.Count > 0 ? new SimulatedStageOptions { Axes = axes } : throw y.Error(m, "beamline.stage", "give at least one axis with its limits, e.g. x: [-25 mm, 25 mm]");
    }

    private static SimulatedRingOptions Ring(PlanYaml y, YamlNode node)
    {
        var m = y.Map(node, "beamline.ring", "{ current: 300 mA, lifetime: 10 h, top_up_every: 10 min }");
        y.RejectUnknownKeys(m, "beamline.ring.", "current", "lifetime", "top_up_every", "dumps_per_hour", "dumps_at", "refill_delay", "refill", "seed");
        var o = new SimulatedRingOptions();
        if (PlanYaml.Optional(m, "current") is { } c)
        {
            o = o with { NominalCurrentMa = y.Quantity(c, "beamline.ring.current", BeamlineDimension.RingCurrent, 1e-3, 10_000, "0..10 A") };
        }

        if (PlanYaml.Optional(m, "lifetime") is { } l)
        {
            o = o with { LifetimeH = InfiniteOr(y, l, "beamline.ring.lifetime") / 3600 };
        }

        if (PlanYaml.Optional(m, "top_up_every") is { } t)
        {
            o = o with { TopUpIntervalS = InfiniteOr(y, t, "beamline.ring.top_up_every") };
        }

        if (PlanYaml.Optional(m, "dumps_per_hour") is { } dph)
        {
            o = o with { RandomDumpsPerHour = y.Number(dph, "beamline.ring.dumps_per_hour", 0, 1000) };
        }

        if (PlanYaml.Optional(m, "dumps_at") is { } da)
        {
            var list = y.List(da, "beamline.ring.dumps_at", "[3 h, 5 h]");
            o = o with { ScheduledDumpsAfterS = [.. list.Children.Select((n, i) => y.Quantity(n, $"beamline.ring.dumps_at[{i}]", BeamlineDimension.Time, 0, 1e9, "0 s or later"))] };
        }

        if (PlanYaml.Optional(m, "refill_delay") is { } rd)
        {
            o = o with { RefillDelayS = y.Quantity(rd, "beamline.ring.refill_delay", BeamlineDimension.Time, 0, 1e7, "0 s or later") };
        }

        if (PlanYaml.Optional(m, "refill") is { } rf)
        {
            o = o with { RefillDurationS = y.Quantity(rf, "beamline.ring.refill", BeamlineDimension.Time, 1e-3, 1e7, "above 0 s") };
        }

        if (PlanYaml.Optional(m, "seed") is { } s)
        {
            o = o with { Seed = y.Integer(s, "beamline.ring.seed", int.MinValue, int.MaxValue) };
        }

        return o;
    }

    private static double InfiniteOr(PlanYaml y, YamlNode node, string field) =>
        y.Scalar(node, field) is "never" or "infinite" ? double.PositiveInfinity : y.Quantity(node, field, BeamlineDimension.Time, 1e-3, 1e9, "above 0 s (or never)");

    private static SimulatedShutterOptions Shutter(PlanYaml y, YamlNode node)
    {
        var m = y.Map(node, "beamline.shutter", "{ stroke: 500 ms, interlocked: true }");
        y.RejectUnknownKeys(m, "beamline.shutter.", "name", "stroke", "interlocked");
        var o = new SimulatedShutterOptions();
        if (PlanYaml.Optional(m, "name") is { } n)
        {
            o = o with { Name = y.Scalar(n, "beamline.shutter.name") };
        }

        if (PlanYaml.Optional(m, "stroke") is { } s)
        {
            o = o with { MoveTimeS = y.Quantity(s, "beamline.shutter.stroke", BeamlineDimension.Time, 0, 60, "0..60 s") };
        }

        if (PlanYaml.Optional(m, "interlocked") is { } i)
        {
            o = o with { CloseOnBeamDump = y.Boolean(i, "beamline.shutter.interlocked") };
        }

        return o;
    }

    private static List<SimulatedDetectorOptions> Detectors(PlanYaml y, YamlNode node)
    {
        var list = y.List(node, "beamline.detectors", "[{ name: det, readout: 5 ms }]");
        var result = new List<SimulatedDetectorOptions>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"beamline.detectors[{i}]";
            var m = y.Map(list.Children[i], path, "{ name: det, readout: 5 ms }");
            y.RejectUnknownKeys(m, path + ".", "name", "readout", "seed");
            var o = new SimulatedDetectorOptions { Name = y.Scalar(y.Required(m, "name", path + "."), path + ".name"), Seed = i + 1 };
            if (PlanYaml.Optional(m, "readout") is { } r)
            {
                o = o with { ReadoutS = y.Quantity(r, path + ".readout", BeamlineDimension.Time, 0, 60, "0..60 s") };
            }

            if (PlanYaml.Optional(m, "seed") is { } s)
            {
                o = o with { Seed = y.Integer(s, path + ".seed", int.MinValue, int.MaxValue) };
            }

            if (result.Any(d => d.Name == o.Name))
            {
                throw y.Error(m, path + ".name", $"'{o.Name}' is used twice");
            }

            result.Add(o);
        }

        return result.Count > 0 ? result : throw y.Error(node, "beamline.detectors", "empty; configure at least one detector");
    }

    private static (BeamPathOptions Beam, double AbsorbedFraction) Beam(PlanYaml y, YamlNode node)
    {
        var m = y.Map(node, "beamline.beam", "{ flux: 1e9 photons/s, footprint: [5 µm, 5 µm] }");
        y.RejectUnknownKeys(m, "beamline.beam.", "flux", "footprint", "absorbed_fraction");
        var o = new BeamPathOptions();
        if (PlanYaml.Optional(m, "flux") is { } f)
        {
            var text = y.Scalar(f, "beamline.beam.flux");
            o = o with
            {
                FluxAtPeakPhotonsPerS = BeamlineQuantity.TrySplit(text, out var v, out var unit) && unit is "photons/s" or "/s" && v > 0
                    ? v
                    : throw y.Error(f, "beamline.beam.flux", $"'{text}' is not a photon flux such as 1e9 photons/s"),
            };
        }

        if (PlanYaml.Optional(m, "footprint") is { } fp)
        {
            var (w, h) = Pair(y, fp, "beamline.beam.footprint", BeamlineDimension.Length, ordered: false);
            o = o with { BeamWidthUm = w * 1e3, BeamHeightUm = h * 1e3 };
        }

        double absorbed = PlanYaml.Optional(m, "absorbed_fraction") is { } a ? y.Number(a, "beamline.beam.absorbed_fraction", 1e-6, 1) : 1;
        return (o, absorbed);
    }

    private static (XanesSampleOptions Sample, double? ParticlesUm) Sample(PlanYaml y, YamlNode node)
    {
        var m = y.Map(node, "beamline.sample", "{ edge: Ni K, thickness: 30 µm, density: 3.0 g/cm3, particles: 10 µm }");
        y.RejectUnknownKeys(m, "beamline.sample.", "edge", "thickness", "density", "particles");
        var o = new XanesSampleOptions();
        if (PlanYaml.Optional(m, "edge") is { } e)
        {
            var text = y.Scalar(e, "beamline.sample.edge");
            var parts = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var edge = parts.Length == 2 ? EdgeTable.All.FirstOrDefault(a =>
                string.Equals(a.Element, parts[0], StringComparison.OrdinalIgnoreCase) && string.Equals(a.Edge, parts[1], StringComparison.OrdinalIgnoreCase)) : null;
            o = o with { Edge = edge ?? throw y.Error(e, "beamline.sample.edge", $"'{text}' is not in the edge table; known: {string.Join(", ", EdgeTable.All.Select(a => a.Label))}") };
        }

        if (PlanYaml.Optional(m, "thickness") is { } t)
        {
            o = o with { ThicknessUm = y.Quantity(t, "beamline.sample.thickness", BeamlineDimension.Length, 1e-6, 100, "1 nm..100 mm") * 1e3 };
        }

        if (PlanYaml.Optional(m, "density") is { } d)
        {
            var text = y.Scalar(d, "beamline.sample.density");
            o = o with
            {
                DensityGPerCm3 = BeamlineQuantity.TrySplit(text, out var v, out var unit) && unit is "g/cm3" or "g/cm³" && v > 0
                    ? v
                    : throw y.Error(d, "beamline.sample.density", $"'{text}' is not a density such as 3.0 g/cm3"),
            };
        }

        double? particlesUm = PlanYaml.Optional(m, "particles") is { } pn
            ? y.Quantity(pn, "beamline.sample.particles", BeamlineDimension.Length, 1e-5, 1, "10 nm..1 mm") * 1e3
            : null;
        return (o, particlesUm);
    }

    private static List<HolderCell> Holder(PlanYaml y, YamlNode node, IReadOnlyCollection<string> channels, SimulatedStageOptions stage)
    {
        var list = y.List(node, "beamline.holder", "[{ channel: ch1, at: { x: 0 mm, y: 0 mm }, radius: 2 mm, spots: [...] }]");
        var result = new List<HolderCell>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"beamline.holder[{i}]";
            var m = y.Map(list.Children[i], path, "{ channel: ch1, at: { x: 0 mm, y: 0 mm }, radius: 2 mm, spots: [...] }");
            y.RejectUnknownKeys(m, path + ".", "channel", "at", "radius", "spots");
            var channel = y.Scalar(y.Required(m, "channel", path + "."), path + ".channel");
            if (!channels.Contains(channel))
            {
                throw y.Error(m, path + ".channel", $"'{channel}' is not a configured channel; known: {string.Join(", ", channels)}");
            }

            if (result.Any(c => c.ChannelId == channel))
            {
                throw y.Error(m, path + ".channel", $"'{channel}' is on the holder twice");
            }

            var at = y.Map(y.Required(m, "at", path + "."), path + ".at", "{ x: 0 mm, y: 0 mm }");
            var centre = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in at.Children)
            {
                var axis = y.Scalar(key, path + ".at.(key)");
                if (stage.Axes.All(a => a.Name != axis))
                {
                    throw y.Error(key, $"{path}.at.{axis}", $"not an axis of the stage; known: {string.Join(", ", stage.Axes.Select(a => a.Name))}");
                }

                centre[axis] = y.Quantity(value, $"{path}.at.{axis}", BeamlineDimension.Length);
            }

            double radius = PlanYaml.Optional(m, "radius") is { } r ? y.Quantity(r, path + ".radius", BeamlineDimension.Length, 1e-6, 1000, "1 nm..1 m") : 1;
            var spots = new List<ScanPosition>();
            if (PlanYaml.Optional(m, "spots") is { } s)
            {
                var sl = y.List(s, path + ".spots", "[{ name: A, x: 0 mm, y: 0 mm }]");
                for (var j = 0; j < sl.Children.Count; j++)
                {
                    var sp = y.Map(sl.Children[j], $"{path}.spots[{j}]", "{ name: A, x: 0 mm, y: 0 mm }");
                    var name = y.Scalar(y.Required(sp, "name", $"{path}.spots[{j}]."), $"{path}.spots[{j}].name");
                    var pos = new Dictionary<string, double>(centre, StringComparer.Ordinal);
                    foreach (var (key, value) in sp.Children)
                    {
                        var axis = y.Scalar(key, $"{path}.spots[{j}].(key)");
                        if (axis != "name")
                        {
                            pos[axis] = pos.GetValueOrDefault(axis) + y.Quantity(value, $"{path}.spots[{j}].{axis}", BeamlineDimension.Length);
                        }
                    }

                    spots.Add(new ScanPosition(string.Create(CultureInfo.InvariantCulture, $"{channel}.{name}"), pos));
                }
            }

            result.Add(new HolderCell(channel, centre, radius, spots));
        }

        return result;
    }

    private static (double Lo, double Hi) Pair(PlanYaml y, YamlNode node, string field, BeamlineDimension dimension, bool ordered = true)
    {
        if (node is not YamlSequenceNode { Children.Count: 2 } pair)
        {
            throw y.Error(node, field, $"expected [a, b], each {BeamlineQuantity.Example(dimension)}");
        }

        double a = y.Quantity(pair.Children[0], field + "[0]", dimension), b = y.Quantity(pair.Children[1], field + "[1]", dimension);
        return !ordered || b > a ? (a, b) : throw y.Error(node, field, "the maximum must be above the minimum");
    }
}
