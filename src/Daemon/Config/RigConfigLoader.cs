using System.Globalization;
using System.Text.RegularExpressions;
using OperandoRig.Daemon.Data.Influx;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Safety;
using OperandoRig.Drivers.Abstractions;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OperandoRig.Daemon.Config;

/// <summary>
/// Reads the rig file (YAML). Every quantity carries its unit; every error names the file, the line,
/// the config path and the value. Relative paths are resolved against the rig file's folder.
/// </summary>
/// <example>
/// <code>
/// name: simulated-rig
/// clock: { mode: simulated, speed: 600 }
/// data_dir: ../data
/// listen: 127.0.0.1:50051
/// channels:
///   - id: ch1
///     driver: simulated
///     sample_period: 10 s
///     voltage_range: [0 V, 5 V]
///     max_current: 10 mA
///     cell: { model: thevenin, capacity: 1.78 mAh, initial_soc: 5 %, temperature: 25 °C }   # temperature: a heated holder, -40..150 °C
///     safety: { voltage: [2.5 V, 4.3 V], max_current: 5 mA, max_silence: 30 s, temperature: [10 °C, 55 °C],
///               short_circuit: { min_current: 0.1 mA, collapse_below: 10 mV, max_drop: 50 mV, over: 1 s } }
/// autostart:
///   - { channel: ch1, protocol: experiments/cc-charge-rest-discharge.yaml }
/// </code>
/// </example>
public static partial class RigConfigLoader
{
    /// <summary>Loads and validates the rig file at <paramref name="path"/>.</summary>
    public static RigConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new RigConfigException($"{path}: the rig file does not exist");
        }

        return Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses rig YAML; <paramref name="path"/> names the file and anchors relative paths.</summary>
    public static RigConfig Parse(string yaml, string path)
    {
        try
        {
            return ParseChecked(yaml, path);
        }
        catch (ProtocolException ex)
        {
            throw new RigConfigException(ex.Message);
        }
    }

    private static RigConfig ParseChecked(string yaml, string path)
    {
        var source = Path.GetFileName(path);
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new RigConfigException($"{source}:{ex.Start.Line}: not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new RigConfigException($"{source}:1: expected a map with name, clock, data_dir, listen, channels");
        }

        var ctx = new ParseContext(source);
        ctx.RejectUnknownKeys(root, "", "name", "clock", "data_dir", "listen", "channels", "autostart", "influx", "beamline");
        var name = Optional(root, "name") is { } n ? ctx.Scalar(n, "name") : "rig";
        var clock = ParseClock(ctx, Optional(root, "clock"));
        var dataDir = Path.GetFullPath(Path.Combine(baseDir, Optional(root, "data_dir") is { } d ? ctx.Scalar(d, "data_dir") : "data"));
        var listen = Optional(root, "listen") is { } l ? ParseListen(ctx, l) : "127.0.0.1:50051";
        if (Optional(root, "channels") is not YamlSequenceNode channelNodes || channelNodes.Children.Count == 0)
        {
            throw ctx.Error(root, "channels", "missing or empty; configure at least one potentiostat channel");
        }

        var channels = channelNodes.Children.Select((c, i) => ParseChannel(ctx, c, $"channels[{i}]")).ToList();
        var duplicate = channels.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw ctx.Error(channelNodes, "channels", $"channel id '{duplicate.Key}' is used twice");
        }

        var autostart = new List<AutostartConfig>();
        if (Optional(root, "autostart") is YamlSequenceNode starts)
        {
            for (var i = 0; i < starts.Children.Count; i++)
            {
                var field = $"autostart[{i}]";
                if (starts.Children[i] is not YamlMappingNode m)
                {
                    throw ctx.Error(starts.Children[i], field, "expected { channel: <id>, protocol: <file> }");
                }

                ctx.RejectUnknownKeys(m, field + ".", "channel", "protocol");
                var channel = ctx.Scalar(Required(ctx, m, "channel", field), $"{field}.channel");
                if (channels.All(c => c.Id != channel))
                {
                    throw ctx.Error(m, $"{field}.channel", $"'{channel}' is not a configured channel; known: {string.Join(", ", channels.Select(c => c.Id))}");
                }

                var protocol = Path.GetFullPath(Path.Combine(baseDir, ctx.Scalar(Required(ctx, m, "protocol", field), $"{field}.protocol")));
                if (!File.Exists(protocol))
                {
                    throw ctx.Error(m, $"{field}.protocol", $"'{protocol}' does not exist");
                }

                autostart.Add(new AutostartConfig(channel, protocol));
            }
        }

        var influx = Optional(root, "influx") is { } inf ? ParseInflux(ctx, inf) : null;
        var beamline = Optional(root, "beamline") is { } bl ? ParseBeamline(bl, source, channels) : null;
        return new RigConfig(name, clock, dataDir, listen, channels, autostart, influx, beamline);
    }

    private static Beamline.BeamlineConfig ParseBeamline(YamlNode node, string source, List<ChannelConfig> channels)
    {
        try
        {
            return Beamline.BeamlineConfigParser.Parse(node, source, [.. channels.Select(c => c.Id)]);
        }
        catch (Beamline.ScanPlanException ex)
        {
            throw new RigConfigException(ex.Message);
        }
    }

    private static ClockConfig ParseClock(ParseContext ctx, YamlNode? node)
    {
        if (node is null)
        {
            return new ClockConfig(false, 1);
        }

        if (node is not YamlMappingNode m)
        {
            throw ctx.Error(node, "clock", "expected { mode: system } or { mode: simulated, speed: 600 }");
        }

        ctx.RejectUnknownKeys(m, "clock.", "mode", "speed");
        var mode = Optional(m, "mode") is { } mn ? ctx.Scalar(mn, "clock.mode") : "system";
        if (mode is not ("system" or "simulated"))
        {
            throw ctx.Error(m, "clock.mode", $"'{mode}' is not a clock mode; use system or simulated");
        }

        var speed = 1.0;
        if (Optional(m, "speed") is { } s)
        {
            var text = ctx.Scalar(s, "clock.speed");
            if (!double.TryParse(text.TrimEnd('x', 'X', ' '), NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || speed is < 1e-3 or > 1e7)
            {
                throw ctx.Error(s, "clock.speed", $"'{text}' must be a number of simulated seconds per real second in 0.001..1e7");
            }
        }

        if (mode == "system" && Math.Abs(speed - 1) > 1e-12)
        {
            throw ctx.Error(m, "clock.speed", "the system clock runs at speed 1; use mode: simulated to run faster");
        }

        return new ClockConfig(mode == "simulated", speed);
    }

    private static string ParseListen(ParseContext ctx, YamlNode node)
    {
        var text = ctx.Scalar(node, "listen");
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw ctx.Error(node, "listen", $"'{text}' is not host:port with a port in 0..65535 (e.g. 127.0.0.1:50051)");
        }

        return text;
    }

    private static ChannelConfig ParseChannel(ParseContext ctx, YamlNode node, string field)
    {
        if (node is not YamlMappingNode m)
        {
            throw ctx.Error(node, field, "expected a map with id, driver, sample_period, voltage_range, max_current, cell");
        }

        ctx.RejectUnknownKeys(m, field + ".", "id", "driver", "sample_period", "voltage_range", "max_current", "cell", "faults", "safety");
        var none = new CellReference(null, null);
        var id = ctx.Scalar(Required(ctx, m, "id", field), $"{field}.id");
        var driver = Optional(m, "driver") is { } dn ? ctx.Scalar(dn, $"{field}.driver") : "simulated";
        if (driver != "simulated")
        {
            throw ctx.Error(m, $"{field}.driver", $"'{driver}' is not a known driver; available: simulated");
        }

        var period = Optional(m, "sample_period") is { } p ? ctx.Quantity(p, $"{field}.sample_period", Dimension.Time, none) : 1.0;
        if (period is < 1e-3 or > 3600)
        {
            throw ctx.Error(m, $"{field}.sample_period", FormattableString.Invariant($"{period} s is outside 1 ms..1 h"));
        }

        var range = new ValueRange(-5, 5);
        if (Optional(m, "voltage_range") is { } vr)
        {
            if (vr is not YamlSequenceNode { Children.Count: 2 } pair)
            {
                throw ctx.Error(vr, $"{field}.voltage_range", "expected [min, max], e.g. [0 V, 5 V]");
            }

            range = new ValueRange(
                ctx.Quantity(pair.Children[0], $"{field}.voltage_range[0]", Dimension.Voltage, none),
                ctx.Quantity(pair.Children[1], $"{field}.voltage_range[1]", Dimension.Voltage, none));
            if (!(range.Max > range.Min))
            {
                throw ctx.Error(vr, $"{field}.voltage_range", $"{range} V: the maximum must be above the minimum");
            }
        }

        var maxCurrent = Optional(m, "max_current") is { } mc ? ctx.Quantity(mc, $"{field}.max_current", Dimension.Current, none) : 10e-3;
        if (maxCurrent is <= 0 or > 100)
        {
            throw ctx.Error(m, $"{field}.max_current", FormattableString.Invariant($"{maxCurrent} A is outside 0..100 A"));
        }

        return new ChannelConfig(id, driver, period, range, maxCurrent, ParseCell(ctx, Optional(m, "cell"), $"{field}.cell"),
            ParseFaults(ctx, Optional(m, "faults"), $"{field}.faults"),
            ParseSafety(ctx, Optional(m, "safety"), $"{field}.safety", range, maxCurrent, period));
    }

    private static SafetyLimits ParseSafety(ParseContext ctx, YamlNode? node, string field, ValueRange range, double maxCurrent, double samplePeriodS)
    {
        var none = new CellReference(null, null);
        if (node is null)
        {
            return new SafetyLimits(range, maxCurrent);
        }

        if (node is not YamlMappingNode m)
        {
            throw ctx.Error(node, field, "expected a map such as { voltage: [2.5 V, 4.3 V], max_current: 5 mA, max_silence: 30 s }");
        }

        ctx.RejectUnknownKeys(m, field + ".", "voltage", "max_current", "max_silence", "short_circuit", "temperature");
        var window = range;
        if (Optional(m, "voltage") is { } vn)
        {
            if (vn is not YamlSequenceNode { Children.Count: 2 } pair)
            {
                throw ctx.Error(vn, $"{field}.voltage", "expected [min, max], e.g. [2.5 V, 4.3 V]");
            }

            window = new ValueRange(
                ctx.Quantity(pair.Children[0], $"{field}.voltage[0]", Dimension.Voltage, none),
                ctx.Quantity(pair.Children[1], $"{field}.voltage[1]", Dimension.Voltage, none));
            if (!(window.Max > window.Min))
            {
                throw ctx.Error(vn, $"{field}.voltage", $"{window} V: the maximum must be above the minimum");
            }

            if (window.Min < range.Min || window.Max > range.Max)
            {
                throw ctx.Error(vn, $"{field}.voltage", $"{window} V lies outside the channel's voltage_range {range} V");
            }
        }

        var current = maxCurrent;
        if (Optional(m, "max_current") is { } cn)
        {
            current = ctx.Quantity(cn, $"{field}.max_current", Dimension.Current, none);
            if (!(current > 0) || current > maxCurrent)
            {
                throw ctx.Error(cn, $"{field}.max_current", FormattableString.Invariant($"{current:G6} A must be above 0 A and at most the channel's max_current {maxCurrent:G6} A"));
            }
        }

        double? silence = null;
        if (Optional(m, "max_silence") is { } sn)
        {
            var s = ctx.Quantity(sn, $"{field}.max_silence", Dimension.Time, none);
            if (!(s >= 2 * samplePeriodS))
            {
                throw ctx.Error(sn, $"{field}.max_silence", FormattableString.Invariant(
                    $"{s:G6} s is shorter than two sample periods ({2 * samplePeriodS:G6} s); the watchdog would fire between samples"));
            }

            silence = s;
        }

        return new SafetyLimits(window, current, silence)
        {
            ShortCircuit = ParseShortCircuit(ctx, Optional(m, "short_circuit"), $"{field}.short_circuit", current),
            TemperatureC = ParseTemperatureWindow(ctx, Optional(m, "temperature"), $"{field}.temperature"),
        };
    }

    /// <summary>A temperature window <c>[10 °C, 55 °C]</c> (also <c>degC</c> or <c>K</c>), in °C; null when absent.</summary>
    private static ValueRange? ParseTemperatureWindow(ParseContext ctx, YamlNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode { Children.Count: 2 } pair)
        {
            throw ctx.Error(node, field, "expected [min, max], e.g. [10 °C, 55 °C]");
        }

        var window = new ValueRange(Celsius(ctx, pair.Children[0], $"{field}[0]", -273.15, 1000), Celsius(ctx, pair.Children[1], $"{field}[1]", -273.15, 1000));
        return window.Max > window.Min
            ? window
            : throw ctx.Error(node, field, FormattableString.Invariant($"{window.Min:G6}..{window.Max:G6} °C: the maximum must be above the minimum"));
    }

    /// <summary>A temperature <c>55 °C</c> (also <c>degC</c> or <c>K</c>) in °C, within <paramref name="minC"/>..<paramref name="maxC"/>.</summary>
    private static double Celsius(ParseContext ctx, YamlNode n, string field, double minC, double maxC)
    {
        var text = (n as YamlScalarNode)?.Value?.Trim() ?? "";
        var m = TemperatureText().Match(text);
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw ctx.Error(n, field, $"'{text}' is not a temperature; expected a number with °C, degC or K, e.g. 55 °C");
        }

        var c = m.Groups[2].Value == "K" ? value - 273.15 : value;
        return c >= minC && c <= maxC
            ? c
            : throw ctx.Error(n, field, FormattableString.Invariant($"{c:G6} °C is outside {minC:G6}..{maxC:G6} °C"));
    }

    [GeneratedRegex(@"^([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(°C|degC|K)$")]
    private static partial Regex TemperatureText();

    private static ShortCircuitLimits? ParseShortCircuit(ParseContext ctx, YamlNode? node, string field, double maxCurrentA)
    {
        if (node is null)
        {
            return null;
        }

        var none = new CellReference(null, null);
        if (node is not YamlMappingNode m)
        {
            throw ctx.Error(node, field, "expected a map such as { min_current: 0.1 mA, collapse_below: 10 mV, max_drop: 50 mV, over: 1 s }");
        }

        ctx.RejectUnknownKeys(m, field + ".", "min_current", "collapse_below", "max_drop", "over");
        var minNode = Required(ctx, m, "min_current", field);
        var min = ctx.Quantity(minNode, $"{field}.min_current", Dimension.Current, none);
        if (!(min > 0) || min > maxCurrentA)
        {
            throw ctx.Error(minNode, $"{field}.min_current", FormattableString.Invariant($"{min:G6} A must be above 0 A and at most the safety max_current {maxCurrentA:G6} A"));
        }

        double? Positive(string key, Dimension dimension, string unit)
        {
            if (Optional(m, key) is not { } n)
            {
                return null;
            }

            var v = ctx.Quantity(n, $"{field}.{key}", dimension, none);
            return v > 0 ? v : throw ctx.Error(n, $"{field}.{key}", FormattableString.Invariant($"{v:G6} {unit} must be above 0 {unit}"));
        }

        var collapse = Positive("collapse_below", Dimension.Voltage, "V");
        var drop = Positive("max_drop", Dimension.Voltage, "V");
        var over = Positive("over", Dimension.Time, "s") ?? 1;
        if (collapse is null && drop is null)
        {
            throw ctx.Error(node, field, "give collapse_below, max_drop or both; with neither nothing would be watched");
        }

        return new ShortCircuitLimits(min, collapse, drop, over);
    }

    private static List<ScheduledChannelFault> ParseFaults(ParseContext ctx, YamlNode? node, string field)
    {
        var faults = new List<ScheduledChannelFault>();
        if (node is null)
        {
            return faults;
        }

        if (node is not YamlSequenceNode list)
        {
            throw ctx.Error(node, field, "expected a list such as [{ after: 2 h, kind: disconnect }]");
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (list.Children[i] is not YamlMappingNode f)
            {
                throw ctx.Error(list.Children[i], path, "expected { after: <duration>, kind: <fault> }");
            }

            ctx.RejectUnknownKeys(f, path + ".", "after", "kind");
            var after = ctx.Quantity(Required(ctx, f, "after", path), $"{path}.after", Dimension.Time, new CellReference(null, null));
            var kindText = ctx.Scalar(Required(ctx, f, "kind", path), $"{path}.kind");
            var known = Enum.GetNames<ChannelFault>().Select(n => n.ToLowerInvariant()).ToList();
            if (!Enum.TryParse<ChannelFault>(kindText, ignoreCase: true, out var kind) || !known.Contains(kindText.ToLowerInvariant()))
            {
                throw ctx.Error(f, $"{path}.kind", $"'{kindText}' is not a fault; known: {string.Join(", ", known)}");
            }

            if (after < 0)
            {
                throw ctx.Error(f, $"{path}.after", "must be 0 s or later");
            }

            faults.Add(new ScheduledChannelFault(after, kind));
        }

        return faults;
    }

    private static CellConfig ParseCell(ParseContext ctx, YamlNode? node, string field)
    {
        if (node is null)
        {
            return new CellConfig("thevenin", 1.78e-3, 0.05, null);
        }

        if (node is not YamlMappingNode m)
        {
            throw ctx.Error(node, field, "expected { preset: nmc811-lpscl-liin-rt } or { model: thevenin, capacity: 1.78 mAh, initial_soc: 5 % }");
        }

        ctx.RejectUnknownKeys(m, field + ".", "model", "preset", "capacity", "initial_soc", "temperature");
        var soc = Optional(m, "initial_soc") is { } s ? ParsePercent(ctx, s, $"{field}.initial_soc") : (double?)null;
        var temperatureC = Optional(m, "temperature") is { } t ? Celsius(ctx, t, $"{field}.temperature", -40, 150) : (double?)null;
        if (Optional(m, "preset") is { } presetNode)
        {
            var preset = ctx.Scalar(presetNode, $"{field}.preset");
            if (!CellPresets.Names.Contains(preset, StringComparer.Ordinal))
            {
                throw ctx.Error(presetNode, $"{field}.preset", $"'{preset}' is not a cell preset; known: {string.Join(", ", CellPresets.Names)}");
            }

            if (Optional(m, "capacity") is { } c)
            {
                throw ctx.Error(c, $"{field}.capacity", "a preset brings its own capacity; remove capacity or use model: thevenin");
            }

            return new CellConfig("preset", 0, soc ?? 0, preset) { TemperatureC = temperatureC };
        }

        var model = Optional(m, "model") is { } mn ? ctx.Scalar(mn, $"{field}.model") : "thevenin";
        if (model != "thevenin")
        {
            throw ctx.Error(m, $"{field}.model", $"'{model}' is not a known cell model; use model: thevenin or preset: <{string.Join("|", CellPresets.Names)}>");
        }

        var capacity = Optional(m, "capacity") is { } cap ? ctx.Quantity(cap, $"{field}.capacity", Dimension.Charge, new CellReference(null, null)) : 1.78e-3;
        if (capacity <= 0)
        {
            throw ctx.Error(m, $"{field}.capacity", "must be above 0 Ah");
        }

        return new CellConfig(model, capacity, soc ?? 0.05, null) { TemperatureC = temperatureC };
    }

    private static double ParsePercent(ParseContext ctx, YamlNode node, string field)
    {
        var text = ctx.Scalar(node, field);
        return text.EndsWith('%') && double.TryParse(text.TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100
            ? percent / 100
            : throw ctx.Error(node, field, $"'{text}' must be a percentage in 0..100 %, e.g. 5 %");
    }

    private static InfluxOptions ParseInflux(ParseContext ctx, YamlNode node)
    {
        if (node is not YamlMappingNode m)
        {
            throw ctx.Error(node, "influx", "expected a map with url, api (v1|v2), database or org/bucket/token");
        }

        ctx.RejectUnknownKeys(m, "influx.", "url", "api", "database", "retention_policy", "username", "password", "org", "bucket", "token",
            "measurement", "batch_size", "poll_interval");
        string? Text(string key) => Optional(m, key) is { } v ? ctx.Scalar(v, $"influx.{key}") : null;
        var api = Text("api") ?? "v1";
        var options = new InfluxOptions
        {
            Url = Text("url") ?? throw ctx.Error(m, "influx.url", "missing; e.g. http://127.0.0.1:8086"),
            Api = api switch
            {
                "v1" => InfluxApiVersion.V1,
                "v2" => InfluxApiVersion.V2,
                _ => throw ctx.Error(m, "influx.api", $"'{api}' is not an InfluxDB write API; use v1 or v2"),
            },
            Database = Text("database"),
            RetentionPolicy = Text("retention_policy"),
            Username = Text("username"),
            Password = Text("password"),
            Org = Text("org"),
            Bucket = Text("bucket"),
            Token = Text("token"),
            Measurement = Text("measurement") ?? "operando_sample",
        };
        if (Optional(m, "batch_size") is { } b)
        {
            var text = ctx.Scalar(b, "influx.batch_size");
            options = options with
            {
                BatchSize = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                    ? size
                    : throw ctx.Error(b, "influx.batch_size", $"'{text}' must be a whole number of lines, e.g. 5000"),
            };
        }

        if (Optional(m, "poll_interval") is { } p)
        {
            options = options with { PollInterval = TimeSpan.FromSeconds(ctx.Quantity(p, "influx.poll_interval", Dimension.Time, new CellReference(null, null))) };
        }

        try
        {
            options.Validate();
        }
        catch (RigConfigException ex)
        {
            throw new RigConfigException($"{ctx.Source}:{m.Start.Line}: {ex.Message}"); // the message names the key
        }

        return options;
    }

    private static YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static YamlNode Required(ParseContext ctx, YamlMappingNode map, string key, string field) =>
        Optional(map, key) ?? throw ctx.Error(map, $"{field}.{key}", "missing");
}
