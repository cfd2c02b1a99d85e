using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OperandoRig.Daemon.Electrochemistry;
using OperandoRig.Daemon.Hosting;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Tests.EndToEnd;

/// <summary>A fault scheduled in the rig file ends the run as a fault, and everything recorded before it is kept.</summary>
[TestClass]
public sealed class FaultEndToEndTests
{
    [TestMethod]
    public async Task Run_ComplianceHitFromRigFile_RunFaultsAndKeepsTheSamplesBeforeIt()
    {
        await using var daemon = await DaemonFixture.StartAsync(speed: 200, faults: "[{ after: 30 s, kind: compliancehit }]");
        using var channel = GrpcChannel.ForAddress(daemon.Address);
        var reply = await new Rig.RigClient(channel).StartProtocolAsync(new StartProtocolRequest
        {
            ChannelId = "ch1",
            ProtocolYaml = "steps: [Charge at 1 mA for 10 min]",
        });

        var runner = daemon.App.Services.GetRequiredService<RigRuntime>().GetRunner("ch1");
        await runner.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.AreEqual(RunState.Faulted, runner.State);
        StringAssert.StartsWith(runner.EndReason, "compliance: current limit ±0.01 A reached at ");
        await using var db = new SqliteConnection($"Data Source={Path.Combine(daemon.DataDirectory, "operando-rig.db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), MAX(step_time_s) FROM samples WHERE run_id = $r";
        cmd.Parameters.AddWithValue("$r", reply.RunId);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.IsTrue(await r.ReadAsync());
        Assert.AreEqual(31, r.GetInt64(0), "samples at 0..30 s are all stored");
        Assert.AreEqual(30, r.GetDouble(1), 1e-9);
    }
}
