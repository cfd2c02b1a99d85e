using OperandoRig.Drivers.Abstractions.Errors;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Potentiostat;

/// <summary>Every injected fault is seen through the channel contract as the kind of error a real instrument gives.</summary>
[TestClass]
public sealed class SimulatedChannelFaultTests
{
    private static readonly ChannelStep TenMinutes = ChannelHarness.Cc(1e-3, Termination.AfterSeconds(600));

    private static ChannelHarness WithFaults(params ScheduledChannelFault[] faults) =>
        new(new SimulatedChannelOptions { VoltageNoiseV = 0, CurrentNoiseA = 0, Faults = faults });

    [TestMethod]
    public void Disconnect_Scheduled_RecordStreamEndsWithNotConnectedAndCommandsFail()
    {
        var h = WithFaults(new ScheduledChannelFault(100, ChannelFault.Disconnect));
        var start = h.Clock.GetUtcNow();
        Exception? streamError = null;
        var records = new List<ChannelRecord>();

        h.Clock.Run(async ct =>
        {
            await h.Channel.LoadAsync([TenMinutes], ct);
            await h.Channel.StartAsync(ct);
            try
            {
                await foreach (var r in h.Channel.ReadRecordsAsync(ct))
                {
                    records.Add(r);
                }
            }
            catch (DeviceNotConnectedException ex)
            {
                streamError = ex;
            }

            var command = await Assert.ThrowsExactlyAsync<DeviceNotConnectedException>(() => h.Channel.PauseAsync(HoldPolicy.OpenCircuit, ct));
            StringAssert.Contains(command.Message, "PAUSE was not sent");
        });

        Assert.IsNotNull(streamError);
        StringAssert.Contains(streamError.Message, "ch1: the host link dropped");
        Assert.AreEqual(start.AddSeconds(99), records.OfType<ChannelSample>().Last().Timestamp, "the last sample before the link dropped at 100 s");
        Assert.AreEqual(ChannelState.Faulted, h.Channel.State);
    }

    [TestMethod]
    public void Timeout_Injected_CommandsTimeOutOnTheDeviceClockAndRecordsStop()
    {
        var h = new ChannelHarness();
        var records = new List<ChannelRecord>();
        DateTimeOffset injectedAt = default, failedAt = default;

        h.Clock.Run(async ct =>
        {
            await h.Channel.LoadAsync([TenMinutes], ct);
            await h.Channel.StartAsync(ct);
            var reader = Task.Run(async () =>
            {
                await foreach (var r in h.Channel.ReadRecordsAsync(ct))
                {
                    records.Add(r);
                }
            }, ct);
            await Task.Delay(TimeSpan.FromSeconds(60), h.Clock, ct);
            h.Channel.InjectFault(ChannelFault.Timeout);
            injectedAt = h.Clock.GetUtcNow();
            // Caught here rather than with Assert.ThrowsExactlyAsync, which resumes on the thread pool and lets the
            // simulation loop jump ahead before the failure time is read.
            DeviceTimeoutException? ex = null;
            try
            {
                await h.Channel.PauseAsync(HoldPolicy.OpenCircuit, ct);
            }
            catch (DeviceTimeoutException e)
            {
                ex = e;
            }

            failedAt = h.Clock.GetUtcNow();
            Assert.IsNotNull(ex, "PAUSE must time out");
            Assert.AreEqual("ch1: no reply to PAUSE within 5 s", ex.Message);
            var seenWhileSilent = records.Count;
            await Task.Delay(TimeSpan.FromSeconds(60), h.Clock, ct);
            Assert.HasCount(seenWhileSilent, records, "a silent instrument delivers no records");
            h.Channel.ClearTimeoutFault();
            await reader;
        });

        Assert.AreEqual(TimeSpan.FromSeconds(5), failedAt - injectedAt);
        Assert.AreEqual(ChannelState.Finished, records.OfType<ChannelFinished>().Single().FinalState);
    }

    [TestMethod]
    public void GarbageReply_Injected_NextCommandFailsWithDeviceFaultThenRecovers()
    {
        var h = new ChannelHarness();
        h.Clock.Run(async ct =>
        {
            await h.Channel.LoadAsync([TenMinutes], ct);
            h.Channel.InjectFault(ChannelFault.GarbageReply);
            var ex = await Assert.ThrowsExactlyAsync<DeviceFaultException>(() => h.Channel.StartAsync(ct));
            Assert.AreEqual("ch1: garbled reply to START: 15-00-3F-45-23 (expected an ACK)", ex.Message);
            Assert.AreEqual(ChannelState.Loaded, h.Channel.State, "a failed command changes nothing");
            await h.Channel.StartAsync(ct);
            await h.Channel.StopAsync(ct);
        });
        Assert.AreEqual(ChannelState.Finished, h.Channel.State);
    }

    [TestMethod]
    public void ComplianceHit_Scheduled_RunEndsFaultedNamingTheLimit()
    {
        var h = WithFaults(new ScheduledChannelFault(30, ChannelFault.ComplianceHit));
        var start = h.Clock.GetUtcNow();

        var records = h.Run([TenMinutes]);

        var end = records.OfType<ChannelFinished>().Single();
        Assert.AreEqual(ChannelState.Faulted, end.FinalState);
        Assert.AreEqual(start.AddSeconds(30), end.Timestamp);
        StringAssert.StartsWith(end.Reason, "compliance: current limit ±0.01 A reached at 3.");
    }

    [TestMethod]
    public void NaNReading_Scheduled_OneSampleReadsNaNAndTheRunGoesOn()
    {
        var h = WithFaults(new ScheduledChannelFault(20, ChannelFault.NaNReading));
        var start = h.Clock.GetUtcNow();

        var samples = h.Run([TenMinutes]).OfType<ChannelSample>().ToList();

        var nan = samples.Where(s => double.IsNaN(s.VoltageV)).ToList();
        Assert.HasCount(1, nan);
        Assert.AreEqual(start.AddSeconds(20), nan[0].Timestamp);
        Assert.AreEqual(601, samples.Count);
    }

    [TestMethod]
    public void Options_FaultBeforeStart_RejectedNamingTheFault()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            new SimulatedChannelOptions { Faults = [new ScheduledChannelFault(-1, ChannelFault.Timeout)] }.Validate());
        StringAssert.StartsWith(ex.Message, "Faults: Timeout at -1 s must be at 0 s or later");
    }
}
