using OperandoRig.Daemon.Electrochemistry.Protocols;
using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Daemon.Tests.Electrochemistry.Protocols;

/// <summary>
/// Runs a protocol on a simulated channel the way the runner does with a <see cref="ProtocolCursor"/>: load each
/// segment, start it, feed its records to a <see cref="SegmentTracker"/>, stop the channel when an emulated
/// condition is met, report every step end to the cursor.
/// </summary>
internal sealed class SimulatedProtocolRun
{
    public required ProtocolCursor Cursor { get; init; }

    public List<ProtocolSegment> Segments { get; } = [];

    public List<ChannelSample> Samples { get; } = [];

    /// <summary>The segment each of <see cref="Samples"/> belongs to.</summary>
    public List<ProtocolSegment> SampleSegments { get; } = [];

    public List<(ProtocolSegment Segment, ImpedancePoint Point)> ImpedancePoints { get; } = [];

    public List<string> EmulatedStops { get; } = [];

    public string? Failure { get; private set; }

    public double ElapsedS { get; private set; }

    public static SimulatedProtocolRun Execute(CompiledProtocol protocol, SimulatedChannel channel, VirtualTimeProvider clock)
    {
        var run = new SimulatedProtocolRun { Cursor = ProtocolCursor.Start(protocol, channel.Capabilities) };
        var start = clock.GetUtcNow();
        new SimulationLoop(clock).Run(async ct =>
        {
            while (run.Failure is null && run.Cursor.NextSegment() is { } segment)
            {
                run.Segments.Add(segment);
                await channel.LoadAsync(segment.ChannelSteps, ct);
                await channel.StartAsync(ct);
                var tracker = new SegmentTracker(segment);
                await foreach (var record in channel.ReadRecordsAsync(ct))
                {
                    switch (record)
                    {
                        case ChannelSample s:
                            run.Samples.Add(s);
                            run.SampleSegments.Add(segment);
                            break;
                        case ImpedancePoint z:
                            run.ImpedancePoints.Add((segment, z));
                            break;
                    }

                    var seen = tracker.Observe(record);
                    if (seen.StopChannel)
                    {
                        run.EmulatedStops.Add(seen.MetCondition!);
                        await channel.StopAsync(ct);
                    }

                    foreach (var end in seen.Ended)
                    {
                        run.Cursor.StepEnded(end);
                    }

                    run.Failure ??= seen.Failure;
                }
            }
        });
        run.ElapsedS = (clock.GetUtcNow() - start).TotalSeconds;
        return run;
    }
}
