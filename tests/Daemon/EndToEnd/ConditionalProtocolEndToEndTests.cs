using Microsoft.Extensions.DependencyInjection;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Daemon.Electrochemistry.Runner;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>
/// A protocol that cannot be loaded as one step list (a loop ended by a condition the daemon decides after every
/// cycle) starts over gRPC and runs to completion in the daemon, segment by segment through the runner's cursor.
/// </summary>
[TestClass]
public sealed class ConditionalProtocolEndToEndTests
{
    private const string Yaml = """
        name: three cycles decided by the daemon
        cell: { capacity: 1.78 mAh }
        steps:
          - repeat: { until: 'cycles >= 3', max: 10 }
            steps:
              - Charge at 2C until 4.1 V or 60 s
              - Rest until dV/dt <= 1 mV/min or 90 s
              - Discharge at 2C until 3.0 V or 60 s
          - Rest for 10 s
        """;

    [TestMethod]
    public async Task StartProtocol_LoopWithACondition_RunsEveryCycleAndFinishes()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200);
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);

        var reply = await client.StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = Yaml });

        var rig = daemon.App.Services.GetRequiredService<RigRuntime>();
        var runner = rig.GetRunner("ch1");
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.AreEqual(RunState.Finished, runner.State, runner.EndReason);
        Assert.AreEqual("completed", runner.EndReason);

        var journal = await new RunJournal(rig.Store).ReadRunAsync(reply.RunId, CancellationToken.None);
        var steps = journal.Where(j => j.Kind is "start" or "step").Select(j => (j.StepIndex, j.StepLabel)).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).ToArray(), steps.Select(s => s.StepIndex).ToArray(), "three cycles of three steps, then the rest");
        CollectionAssert.AreEqual(new[] { "charge", "rest", "discharge", "charge", "rest", "discharge", "charge", "rest", "discharge", "rest" },
            steps.Select(s => s.StepLabel).ToArray());
        var end = CursorState.FromJson(journal[^1].Cursor!);
        Assert.AreEqual((true, "completed", 10), (end.Finished, end.FinishReason, end.StepsRun));
        CollectionAssert.AreEqual(new[] { 1, 1, 2, 2, 2, 3, 3, 3, 4 }, journal.Where(j => j.Kind == "step").Select(j => j.Counters.Cycle).ToArray(),
            "the cursor's cycle numbers: one per loop iteration, the step after the loop in the next");
    }
}
