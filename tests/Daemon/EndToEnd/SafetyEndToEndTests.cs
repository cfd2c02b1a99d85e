using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// The channel's safety limits hold whatever the protocol asks: a breach, a NaN reading or a silent
/// instrument stops the cell and ends the run as a fault (Thevenin cell from 50 %, 1 s samples).
/// </summary>
/// <remarks>
/// The runner stops the cell as soon as it receives the sample; what separates the two on the cell's clock
/// is a few milliseconds of real scheduling (the simulator's timer, a thread hop), times the clock speed.
/// At speed 200 one sample period is 5 ms of real time, within that noise, so the tests that time the stop
/// against the sample period run at speed 20 (50 ms per sample period), and alone: under the load of the
/// parallel test classes a thread-pool stall of a few hundred milliseconds is seconds of cell time.
/// </remarks>
[TestClass]
[DoNotParallelize]
public sealed class SafetyEndToEndTests
{
    private const double SamplePeriodS = 1;

    private const double TimedSpeed = 20;

    [TestMethod]
    public async Task Run_ChargePastTheSafetyMaxVoltage_FaultsWithinOneSamplePeriodOfTheCrossing()
    {
        const double limitV = 4.0;
        await using var daemon = await DaemonFixture.StartAsync(speed: TimedSpeed, samplePeriodS: SamplePeriodS, safety: "{ voltage: [3 V, 4.0 V] }");
        var (runner, runId) = await RunAsync(daemon, "steps: [Charge at 2 mA for 1 h]");

        Assert.AreEqual(RunState.Faulted, runner.State);
        StringAssert.StartsWith(runner.EndReason, "safety: voltage ");
        StringAssert.EndsWith(runner.EndReason, " V above the channel limit 4 V");
        var samples = await ReadSamplesAsync(daemon, runId);
        var crossing = samples.FindIndex(s => s.VoltageV > limitV);
        Assert.IsGreaterThan(60, crossing, "the cell charged for a while before it reached the limit");
        var maxStepV = samples.Zip(samples.Skip(1), (a, b) => Math.Abs(b.VoltageV - a.VoltageV)).Max();
        Assert.IsLessThanOrEqualTo(limitV + maxStepV, samples.Max(s => s.VoltageV), "no stored sample beyond the limit by more than one sample's change");
        Assert.IsLessThanOrEqualTo(samples[crossing].TimeS + SamplePeriodS, samples[^1].TimeS, "the cell was stopped within one sample period of the crossing");
        Assert.IsLessThan(3600, samples[^1].StepTimeS);
    }

    [TestMethod]
    public async Task Run_ChamberOverheats_FaultsOnTheTemperatureLimitWithinOneSamplePeriod()
    {
        // The Thevenin cell sits at 25 °C; the overheat fault drives the reading 40 K up with a 300 s time constant,
        // so 45 °C is crossed 300 s · ln 2 ≈ 207.9 s after the fault starts at 30 s: at 237.9 s of step time.
        const double crossingS = 30 + (300 * 0.69314718055994531);
        await using var daemon = await DaemonFixture.StartAsync(speed: TimedSpeed, samplePeriodS: SamplePeriodS,
            faults: "[{ after: 30 s, kind: overheat }]", safety: "{ temperature: [5 °C, 45 °C] }");
        var (runner, runId) = await RunAsync(daemon, "steps: [Charge at 1 mA for 1 h]");

        Assert.AreEqual(RunState.Faulted, runner.State);
        StringAssert.StartsWith(runner.EndReason, "safety: temperature 45.");
        StringAssert.EndsWith(runner.EndReason, " °C above the channel limit 45 °C");
        var samples = await ReadSamplesAsync(daemon, runId);
        Assert.IsGreaterThan(crossingS - SamplePeriodS, samples[^1].StepTimeS, "the run went on until the crossing");
        Assert.IsLessThanOrEqualTo(crossingS + (2 * SamplePeriodS), samples[^1].StepTimeS,
            "the cell was stopped within one sample period of the first sample above the limit");

        // The temperature is stored with every sample: 25 °C until the fault, then the first-order rise, the breach last.
        Assert.IsTrue(samples.Where(s => s.StepTimeS <= 30).All(s => Math.Abs(s.TemperatureC - 25) < 0.006), "25 °C before the fault");
        foreach (var s in samples.Where(s => s.StepTimeS > 30))
        {
            var expected = 25 + (40 * (1 - Math.Exp(-(s.StepTimeS - 30) / 300)));
            Assert.AreEqual(expected, s.TemperatureC, 0.2, $"at {s.StepTimeS} s");
        }

        var breach = samples.FindIndex(s => s.TemperatureC > 45);
        Assert.IsGreaterThanOrEqualTo(0, breach, "the breaching sample is stored");
        Assert.IsLessThanOrEqualTo(samples[breach].TimeS + SamplePeriodS, samples[^1].TimeS, "nothing recorded later than one sample period after the breach");
    }

    [TestMethod]
    public async Task Run_NaNReadingFromRigFile_FaultsNamingNaN()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: TimedSpeed, samplePeriodS: SamplePeriodS, faults: "[{ after: 20 s, kind: nanreading }]");
        var (runner, runId) = await RunAsync(daemon, "steps: [Charge at 1 mA for 10 min]");

        Assert.AreEqual(RunState.Faulted, runner.State);
        Assert.AreEqual("safety: voltage reading NaN is not a finite number", runner.EndReason);
        var samples = await ReadSamplesAsync(daemon, runId);
        Assert.IsTrue(samples.All(s => double.IsFinite(s.VoltageV)), "the NaN reading is not stored as a measurement");
        Assert.AreEqual(20, samples.Count(s => s.StepTimeS < 20 - 1e-9), "samples at 0..19 s are all stored");
        Assert.IsLessThanOrEqualTo(20 + SamplePeriodS, samples[^1].StepTimeS, "the cell was stopped within one sample period of the NaN");
    }

    [TestMethod]
    public async Task Run_SilentInstrument_FaultsAfterMaxSilence()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200, samplePeriodS: SamplePeriodS, faults: "[{ after: 20 s, kind: timeout }]",
            safety: "{ max_silence: 30 s }");
        var time = daemon.App.Services.GetRequiredService<RigRuntime>().Time;
        var (runner, runId) = await RunAsync(daemon, "steps: [Charge at 1 mA for 10 min]");
        var endedAt = ChannelRunner.UnixSeconds(time.GetUtcNow());

        Assert.AreEqual(RunState.Faulted, runner.State);
        StringAssert.StartsWith(runner.EndReason, "safety: no sample from the channel for 30 s, the channel limit max_silence 30 s");
        var samples = await ReadSamplesAsync(daemon, runId);
        Assert.AreEqual(20, samples[^1].StepTimeS, 1.0 + 1e-9, "the instrument went silent at 20 s");
        var silence = endedAt - samples[^1].TimeS;
        Assert.IsGreaterThanOrEqualTo(30, silence, "the watchdog waits max_silence");
        Assert.IsLessThan(30 + 5 + 30, silence, "max_silence, the stop command's 5 s timeout and scheduling slack at speed 200");
    }

    private static async Task<(ChannelRunner Runner, string RunId)> RunAsync(DaemonFixture daemon, string protocol)
    {
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var reply = await new Rig.RigClient(channel).StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = protocol });
        var runner = daemon.App.Services.GetRequiredService<RigRuntime>().GetRunner("ch1");
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        return (runner, reply.RunId);
    }

    private sealed record StoredSample(double TimeS, double VoltageV, double StepTimeS, double TemperatureC);

    private static async Task<List<StoredSample>> ReadSamplesAsync(DaemonFixture daemon, string runId)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(daemon.DataDirectory, "operando-rig.db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT time_unix_s, voltage_v, step_time_s, temperature_c FROM samples WHERE run_id = $r ORDER BY seq";
        cmd.Parameters.AddWithValue("$r", runId);
        await using var r = await cmd.ExecuteReaderAsync();
        var samples = new List<StoredSample>();
        while (await r.ReadAsync())
        {
            samples.Add(new StoredSample(r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.IsDBNull(3) ? double.NaN : r.GetDouble(3)));
        }

        return samples;
    }
}
