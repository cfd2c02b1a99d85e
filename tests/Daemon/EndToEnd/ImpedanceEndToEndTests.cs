using OperandoRig.Daemon.Hosting;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;
using Microsoft.Extensions.DependencyInjection;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>An EIS step in a protocol runs on a simulated channel with a physical cell preset and its sweep is stored.</summary>
[TestClass]
public sealed class ImpedanceEndToEndTests
{
    [TestMethod]
    public async Task StartProtocol_PeisAtOpenCircuit_StoresEverySweepPoint()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 500, cell: "{ preset: nmc83-lpscl-limg-60c, initial_soc: 50 % }");
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var client = new Rig.RigClient(channel);

        var reply = await client.StartProtocolAsync(new StartProtocolRequest
        {
            ChannelId = "ch1",
            ProtocolYaml = "steps:\n  - Rest for 10 s\n  - peis: { at: ocv, from: 10 kHz, to: 1 Hz, points_per_decade: 5, amplitude: 7 mV }\n",
        });

        var rig = daemon.App.Services.GetRequiredService<RigRuntime>();
        var runner = rig.GetRunner("ch1");
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.AreEqual(OperandoRig.Daemon.Electrochemistry.RunState.Finished, runner.State, runner.EndReason);

        var points = await rig.Store.ReadImpedanceAsync(reply.RunId, CancellationToken.None);
        Assert.HasCount(21, points, "4 decades at 5 points per decade, both ends included");
        Assert.AreEqual(1e4, points[0].FrequencyHz, 1e-6);
        Assert.AreEqual(1, points[^1].FrequencyHz, 1e-9);
        Assert.IsTrue(points.All(p => p.StepIndex == 1 && p.RealOhm > 0));
        Assert.IsGreaterThan(points[0].RealOhm, points[^1].RealOhm, "Z' grows towards low frequency");

        // Each stored point is the simulated cell's impedance, within the measurement noise (~0.5 % at 7 mV).
        var cell = (OperandoRig.Simulators.Cell.IImpedanceCell)((OperandoRig.Simulators.Potentiostat.SimulatedChannel)runner.Channel).Cell;
        foreach (var p in points)
        {
            var truth = cell.ImpedanceOhm(p.FrequencyHz);
            Assert.AreEqual(truth.Real, p.RealOhm, 0.03 * truth.Magnitude, $"Z' at {p.FrequencyHz} Hz");
            Assert.AreEqual(truth.Imaginary, p.ImaginaryOhm, 0.03 * truth.Magnitude, $"Z'' at {p.FrequencyHz} Hz");
        }
    }
}
