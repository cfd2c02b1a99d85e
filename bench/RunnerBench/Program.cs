// The electrochemistry engine's cost per sample: 16 channels, each a simulated channel sampling at 1 kHz
// (SamplePeriodS = 0.001) on one virtual clock, each running its own protocol through ChannelRunner with the real
// SamplePipeline and SqliteStore (a temp folder): safety checks, segment tracking, counters, journal, numbering,
// tagging and storing every sample. Half the channels cycle in a loop with a condition (the cursor decides after
// every cycle: one segment per cycle), half in a count loop (one segment). Baseline, measured in the same run: the
// same 16 channels with the same steps (the conditional loops unrolled) read bare, no runner and no store. Engine
// overhead per sample = (runner wall time - bare wall time) / samples. Prints figures; asserts nothing.
// Argument: simulated seconds per channel (default 40).
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OperandoRig.Daemon.Data;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

const int Channels = 16;
const double SamplePeriodS = 0.001;
var simulatedS = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 40;

// One protocol per channel: C-rates and step lengths differ, so the channels run out of step with each other.
var protocols = new List<(CompiledProtocol Run, CompiledProtocol Unrolled)>();
for (var i = 0; i < Channels; i++)
{
    var rate = 1 + (0.5 * (i % 4));
    var stepS = 4 + (i % 5);
    var cycles = (int)Math.Ceiling(simulatedS / ((2 * stepS) + 2));
    string Text(string loop) => string.Create(CultureInfo.InvariantCulture, $"""
        name: bench ch{i + 1}
        cell: {"{"} capacity: 1.78 mAh {"}"}
        steps:
          - repeat: {loop}
            steps:
              - Charge at {rate}C until 4.2 V or {stepS} s
              - Rest for 1 s
              - Discharge at {rate}C until 3.0 V or {stepS} s
              - Rest for 1 s
        """);
    var counted = ProtocolParser.Parse(Text(cycles.ToString(CultureInfo.InvariantCulture)), $"bench-{i + 1}.yaml");
    var run = i % 2 == 0
        ? ProtocolParser.Parse(Text($"{{ until: 'cycles >= {cycles}', max: {cycles + 1} }}"), $"bench-{i + 1}.yaml")
        : counted;
    protocols.Add((run, counted));
}

Measure(protocols, simulatedS, warmUp: true); // JIT, SQLite and thread pool warm-up on a short run
var bare = Bare(protocols);
var runner = Measure(protocols, simulatedS, warmUp: false);

var overheadUs = (runner.WallS - bare.WallS) / runner.Samples * 1e6;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RunnerBench: {Channels} channels, {1 / SamplePeriodS:F0} Hz simulated sampling, {runner.SimulatedS:F1} s simulated, {runner.CursorChannels} channels with a conditional loop (a segment per cycle), {runner.JournalEntries:N0} journal entries written"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  runner (ChannelRunner + SamplePipeline + SqliteStore): {runner.Samples:N0} samples stored in {runner.WallS:F2} s wall = {runner.Samples / runner.WallS:N0} samples/s, all runs {runner.Ends}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  baseline (same channels and steps, read bare):        {bare.Samples:N0} samples in {bare.WallS:F2} s wall = {bare.Samples / bare.WallS:N0} samples/s (a new segment's first sample repeats the instant of the last one's end)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  engine overhead per sample: {overheadUs:F2} us ((runner wall - bare wall) / samples)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  ratio runner / bare wall time per sample: {runner.WallS / runner.Samples / (bare.WallS / bare.Samples):F2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  real-time margin: {runner.Samples / runner.WallS / (Channels / SamplePeriodS):F1} x the {Channels / SamplePeriodS:N0} samples/s that {Channels} channels at 1 kHz produce"));
return;

static SimulatedChannel Channel(int i, VirtualTimeProvider clock) => new(new SimulatedChannelOptions
{
    ChannelId = string.Create(CultureInfo.InvariantCulture, $"ch{i + 1}"),
    SamplePeriodS = SamplePeriodS,
    IntegrationStepS = SamplePeriodS,
    NoiseSeed = i + 1,
}, new SimpleTheveninCell(new SimpleTheveninCellParameters { CapacityAh = 1.78e-3, InitialStateOfCharge = 0.5 }), clock);

static (long Samples, double WallS, double SimulatedS, int JournalEntries, int CursorChannels, string Ends) Measure(
    List<(CompiledProtocol Run, CompiledProtocol Unrolled)> protocols, double simulatedS, bool warmUp)
{
    var folder = Directory.CreateTempSubdirectory("runnerbench-").FullName;
    try
    {
        return Task.Run(async () =>
        {
            var clock = new VirtualTimeProvider();
            var store = await SqliteStore.OpenAsync(Path.Combine(folder, "bench.db"), CancellationToken.None);
            var hub = new StreamHub(store);
            var pipeline = new SamplePipeline(store, hub, NullLogger<SamplePipeline>.Instance);
            var channels = new List<SimulatedChannel>();
            var runners = new List<ChannelRunner>();
            var journalEntries = 0;
            for (var i = 0; i < protocols.Count; i++)
            {
                var channel = Channel(i, clock);
                channels.Add(channel);
                await pipeline.InitialiseChannelAsync(channel.ChannelId, CancellationToken.None);
                var runner = new ChannelRunner(channel, pipeline, store, clock, NullLogger<ChannelRunner>.Instance);
                runner.JournalWritten += (_, _) => journalEntries++;
                runners.Add(runner);
            }

            var wall = Stopwatch.StartNew();
            new SimulationLoop(clock).Run(async ct =>
            {
                for (var i = 0; i < runners.Count; i++)
                {
                    var protocol = protocols[i].Run;
                    if (warmUp)
                    {
                        protocol = ProtocolParser.Parse("name: warm-up\nsteps:\n  - Charge at 2 mA until 4.2 V or 2 s\n  - Rest for 1 s\n", "warm-up.yaml");
                    }

                    await runners[i].StartAsync(protocol, protocol.Name, ct);
                }

                await Task.WhenAll(runners.Select(r => r.Completion));
            });
            wall.Stop();
            var samples = runners.Sum(r => r.Counters.SampleCount);
            var ends = string.Join(", ", runners.GroupBy(r => $"{r.State} ({r.EndReason})").Select(g => $"{g.Key} x{g.Count()}"));
            var simulated = (clock.GetUtcNow() - clock.Start).TotalSeconds;
            foreach (var c in channels)
            {
                await c.DisposeAsync();
            }

            await pipeline.DisposeAsync();
            await store.DisposeAsync();
            return (samples, wall.Elapsed.TotalSeconds, simulated, journalEntries, protocols.Count(p => !p.Run.IsLinear), ends);
        }).GetAwaiter().GetResult();
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

static (long Samples, double WallS) Bare(List<(CompiledProtocol Run, CompiledProtocol Unrolled)> protocols)
{
    var clock = new VirtualTimeProvider();
    var channels = protocols.Select((_, i) => Channel(i, clock)).ToList();
    long samples = 0;
    var wall = Stopwatch.StartNew();
    new SimulationLoop(clock).Run(async ct =>
    {
        await Task.WhenAll(channels.Select(async (channel, i) =>
        {
            await channel.LoadAsync(protocols[i].Unrolled.ChannelSteps, ct);
            await channel.StartAsync(ct);
            await foreach (var record in channel.ReadRecordsAsync(ct))
            {
                if (record is ChannelSample)
                {
                    samples++;
                }
            }
        }));
    });
    wall.Stop();
    return (samples, wall.Elapsed.TotalSeconds);
}
