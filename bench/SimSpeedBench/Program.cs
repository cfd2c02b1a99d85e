// Simulation speed of a long campaign: a 200-cycle C/10 campaign on the lno-nmc811-lpscl-liin-rt preset
// (LiNbO3-coated NMC811, which keeps most of its capacity over 200 cycles; the uncoated preset dies
// and ends in compliance around cycle 80, as a real cell would),
// sampled every 10 s of cell time, run by the simulated potentiostat channel on the virtual clock.
// Baseline, measured in the same run: the bare cell model driven through the same number of 10 s steps
// with no channel, clock or records. Prints figures; asserts nothing. Goal: >= 1e5 x real time.
using System.Diagnostics;
using System.Globalization;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

var cycles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
const double SamplePeriodS = 10;
var parameters = CellPresets.Load("lno-nmc811-lpscl-liin-rt");
var capacityAh = new LumpedCellModel(parameters).NominalCapacityAh;
var rateA = capacityAh / 10;
var steps = new List<ChannelStep>();
for (var c = 1; c <= cycles; c++)
{
    steps.Add(new ChannelStep(StepKind.ConstantCurrent, rateA, 0,
        [new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrAbove, parameters.TypicalUpperCutoffV), Termination.AfterSeconds(15 * 3600)], "charge", c));
    steps.Add(ChannelStep.Rest(600, "rest", c));
    steps.Add(new ChannelStep(StepKind.ConstantCurrent, -rateA, 0,
        [new Termination(TerminationQuantity.VoltageV, TerminationComparison.AtOrBelow, parameters.TypicalLowerCutoffV), Termination.AfterSeconds(15 * 3600)], "discharge", c));
    steps.Add(ChannelStep.Rest(600, "rest", c));
}

// The campaign on the simulated channel and virtual clock.
var clock = new VirtualTimeProvider();
var cell = new LumpedCellModel(parameters);
var channel = new SimulatedChannel(new SimulatedChannelOptions { SamplePeriodS = SamplePeriodS, IntegrationStepS = SamplePeriodS }, cell, clock);
long samples = 0;
var lastCycle = 0;
var finish = "";
var wall = Stopwatch.StartNew();
new SimulationLoop(clock).Run(async ct =>
{
    await channel.LoadAsync(steps, ct);
    await channel.StartAsync(ct);
    var reader = channel.ReadRecordsAsync(ct).GetAsyncEnumerator(ct);
    while (await reader.MoveNextAsync())
    {
        if (reader.Current is ChannelSample sample)
        {
            samples++;
            lastCycle = sample.Cycle;
        }
        else if (reader.Current is ChannelFinished end)
        {
            finish = $"{end.FinalState} ({end.Reason})";
        }
    }
});
wall.Stop();
var simulated = clock.GetUtcNow() - clock.Start;

// Baseline: the same number of 10 s cell steps, bare.
var bare = new LumpedCellModel(parameters);
var direction = 1.0;
var baseline = Stopwatch.StartNew();
for (long i = 0; i < samples; i++)
{
    var v = bare.AdvanceWithCurrent(direction * rateA, SamplePeriodS);
    if (v >= parameters.TypicalUpperCutoffV || v <= parameters.TypicalLowerCutoffV)
    {
        direction = -direction;
    }
}

baseline.Stop();

var speedUp = simulated.TotalSeconds / wall.Elapsed.TotalSeconds;
Console.WriteLine(FormattableString.Invariant($"campaign: {cycles} cycles at C/10 ({rateA * 1e3:G3} mA), lno-nmc811-lpscl-liin-rt, sampled every {SamplePeriodS} s"));
Console.WriteLine(FormattableString.Invariant($"simulated time: {simulated.TotalHours:F0} h ({simulated.TotalDays:F1} days), samples: {samples:N0}, last cycle: {lastCycle}, ended: {finish}"));
Console.WriteLine(FormattableString.Invariant($"wall time: {wall.Elapsed.TotalSeconds:F3} s, {samples / wall.Elapsed.TotalSeconds:N0} samples/s, {wall.Elapsed.TotalMilliseconds * 1e6 / samples:F0} ns per sample"));
Console.WriteLine(FormattableString.Invariant($"speed-up: {speedUp:E2} x real time (goal >= 1E+05): {(speedUp >= 1e5 ? "met" : "NOT met")}"));
Console.WriteLine(FormattableString.Invariant($"baseline (bare cell model, same {samples:N0} steps): {baseline.Elapsed.TotalMilliseconds * 1e6 / samples:F0} ns per step; channel+clock+records cost {wall.Elapsed.TotalSeconds / baseline.Elapsed.TotalSeconds:F1} x the bare model"));
