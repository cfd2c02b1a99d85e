using OperandoRig.Simulators.Beamline;
using OperandoRig.Simulators.Time;

namespace OperandoRig.Simulators.Tests.Beamline;

/// <summary>A complete simulated beamline on a virtual clock: ring, shutter, monochromator, stage, sample, detector.</summary>
internal sealed class BeamlineRig
{
    /// <summary>A ring that neither decays nor dumps, so counting statistics are the only noise.</summary>
    public static readonly SimulatedRingOptions SteadyRing = new() { LifetimeH = double.PositiveInfinity, TopUpIntervalS = double.PositiveInfinity, RandomDumpsPerHour = 0 };

    public BeamlineRig(
        SimulatedRingOptions? ring = null,
        SimulatedShutterOptions? shutter = null,
        SimulatedMonochromatorOptions? mono = null,
        BeamPathOptions? beam = null,
        SimulatedDetectorOptions? detector = null,
        XanesSampleOptions? sample = null,
        ISampleStateSource? state = null)
    {
        Clock = new VirtualTimeProvider();
        Ring = new SimulatedRing(ring ?? new SimulatedRingOptions { RandomDumpsPerHour = 0 }, Clock);
        Shutter = new SimulatedShutter(shutter ?? new SimulatedShutterOptions { InitiallyOpen = true }, Clock, Ring);
        Mono = new SimulatedMonochromator(mono ?? new SimulatedMonochromatorOptions(), Clock);
        Stage = new SimulatedStage(new SimulatedStageOptions(), Clock);
        State = state ?? Soc;
        Sample = new XanesSample(sample ?? new XanesSampleOptions(), State);
        Path = new SimulatedBeamPath(beam ?? new BeamPathOptions(), Ring, Shutter, Mono, Sample, Stage);
        Detector = new SimulatedDetector(detector ?? new SimulatedDetectorOptions(), Path, Clock);
    }

    public VirtualTimeProvider Clock { get; }

    public SimulatedRing Ring { get; }

    public SimulatedShutter Shutter { get; }

    public SimulatedMonochromator Mono { get; }

    public SimulatedStage Stage { get; }

    public FixedStateOfCharge Soc { get; } = new();

    public ISampleStateSource State { get; }

    public XanesSample Sample { get; }

    public SimulatedBeamPath Path { get; }

    public SimulatedDetector Detector { get; }

    /// <summary>Seconds of virtual time since the rig was built.</summary>
    public double ElapsedS => (Clock.GetUtcNow() - Clock.Start).TotalSeconds;

    public void Run(Func<CancellationToken, Task> simulation) => new SimulationLoop(Clock).Run(simulation);

    public T Run<T>(Func<CancellationToken, Task<T>> simulation) => new SimulationLoop(Clock).Run(simulation);

    /// <summary>Virtual seconds <paramref name="action"/> takes.</summary>
    public async Task<double> TimeAsync(Func<Task> action)
    {
        var before = Clock.GetUtcNow();
        await action();
        return (Clock.GetUtcNow() - before).TotalSeconds;
    }

    public Task WaitAsync(double seconds, CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(seconds), Clock, ct);

    /// <summary>Runs <paramref name="action"/> and returns the exception it threw (fails if none or of another type).</summary>
    public static async Task<T> CatchAsync<T>(Func<Task> action)
        where T : Exception
    {
        try
        {
            await action();
        }
        catch (T ex)
        {
            return ex;
        }

        Assert.Fail($"expected {typeof(T).Name}");
        return null!;
    }
}
