using OperandoRig.Drivers.Abstractions.Potentiostat;
using OperandoRig.Simulators.Cell;
using OperandoRig.Simulators.Potentiostat;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Potentiostat;

/// <summary>A simulated channel on a virtual clock with a Thevenin cell, plus helpers to run it to the end.</summary>
internal sealed class ChannelHarness
{
    public ChannelHarness(SimulatedChannelOptions? options = null, double initialSoc = 0.5)
    {
        Clock = new VirtualTimeProvider();
        Cell = new SimpleTheveninCell(new SimpleTheveninCellParameters { CapacityAh = 1.78e-3, InitialStateOfCharge = initialSoc });
        Channel = new SimulatedChannel(options ?? new SimulatedChannelOptions { VoltageNoiseV = 0, CurrentNoiseA = 0 }, Cell, Clock);
    }

    public VirtualTimeProvider Clock { get; }

    public SimpleTheveninCell Cell { get; }

    public SimulatedChannel Channel { get; }

    public static ChannelStep Cc(double currentA, params Termination[] until) => new(StepKind.ConstantCurrent, currentA, 0, until, "cc", 1);

    /// <summary>Loads and starts <paramref name="steps"/>, runs <paramref name="during"/> alongside, and returns every record to the end.</summary>
    public List<ChannelRecord> Run(IReadOnlyList<ChannelStep> steps, Func<SimulatedChannel, VirtualTimeProvider, Task>? during = null)
    {
        var records = new List<ChannelRecord>();
        new SimulationLoop(Clock).Run(async ct =>
        {
            await Channel.LoadAsync(steps, ct);
            await Channel.StartAsync(ct);
            var reader = Task.Run(async () =>
            {
                await foreach (var r in Channel.ReadRecordsAsync(ct))
                {
                    records.Add(r);
                }
            }, ct);
            if (during is not null)
            {
                await during(Channel, Clock);
            }

            await reader;
        });
        return records;
    }
}
