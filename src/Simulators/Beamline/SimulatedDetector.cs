using System.Globalization;
using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Drivers.Abstractions.Errors;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// A simulated I₀ / I_t / I_f counter set. For N photons reaching the sample position during a count of time T:
/// I₀ ~ Poisson(η₀·N + d·T), I_t ~ Poisson(η_t·(1−η₀)·N·e^(−μt) + d·T),
/// I_f ~ Poisson(η_f·ω·(1−η₀)·N·(μt_edge/μt)·(1 − e^(−μt)) + d·T) (∝ I₀·μ_edge for a thin sample),
/// with ω the edge's fluorescence yield and d the dark rate. With the shutter closed or the beam dumped N = 0 and only
/// dark counts remain. Dose is booked per spot as it counts.
/// </summary>
public sealed class SimulatedDetector : IDetector
{
    /// <summary>The I₀ (incident) channel name.</summary>
    public const string I0 = "I0";

    /// <summary>The I_t (transmitted) channel name.</summary>
    public const string It = "It";

    /// <summary>The I_f (fluorescence) channel name.</summary>
    public const string If = "If";

    private readonly Lock _gate = new();
    private readonly SimulatedDetectorOptions _options;
    private readonly SimulatedBeamPath _path;
    private readonly TimeProvider _clock;
    private readonly PoissonSampler _poisson;
    private CancellationTokenSource? _stop;

    /// <summary>Creates the detector on <paramref name="path"/>.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="path">The beam path whose photons it counts.</param>
    /// <param name="clock">The clock counts wait on.</param>
    public SimulatedDetector(SimulatedDetectorOptions options, SimulatedBeamPath path, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _path = path;
        _clock = clock;
        _poisson = new PoissonSampler(options.Seed);
        Faults = new FaultInjector(options.Name, options.Faults, clock, hasAxis: false);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames { get; } = [I0, It, If];

    /// <summary>The fault this device shows; inject or clear at run time.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Dose booked per spot by the counts so far.</summary>
    public DoseLedger Dose { get; } = new();

    /// <summary>Counts for <paramref name="countTime"/> (then reads out) and returns counts per channel.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count time is not positive.</exception>
    /// <exception cref="InvalidDeviceStateException">A count is already running, or <see cref="StopAsync"/> ended this one.</exception>
    /// <exception cref="DeviceFaultException">A garbled reply or a NaN reading.</exception>
    public async Task<IReadOnlyDictionary<string, double>> TriggerAsync(TimeSpan countTime, CancellationToken cancellationToken)
    {
        if (countTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(countTime), countTime, "The count time must be positive.");
        }

        string operation = string.Create(CultureInfo.InvariantCulture, $"trigger for {countTime.TotalSeconds:G6} s");
        await Faults.CheckRequestAsync(operation, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            if (_stop is not null)
            {
                throw new InvalidDeviceStateException(Name, $"cannot {operation}: a count is in progress");
            }

            _stop = stop;
        }

        var start = _clock.GetUtcNow();
        try
        {
            await Task.Delay(countTime + TimeSpan.FromSeconds(_options.ReadoutS), _clock, stop.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidDeviceStateException(Name, string.Create(CultureInfo.InvariantCulture,
                $"count stopped after {(_clock.GetUtcNow() - start).TotalSeconds:G6} s"));
        }
        finally
        {
            lock (_gate)
            {
                _stop = null;
            }
        }

        return Count(start, countTime);
    }

    /// <summary>Stops a running count; its <see cref="TriggerAsync"/> fails with <see cref="InvalidDeviceStateException"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Faults.CheckRequestAsync("stop", cancellationToken);
        CancellationTokenSource? stop;
        lock (_gate)
        {
            stop = _stop;
        }

        try
        {
            stop?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The count finished meanwhile.
        }
    }

    private Dictionary<string, double> Count(DateTimeOffset start, TimeSpan countTime)
    {
        double seconds = countTime.TotalSeconds;
        var exposure = _path.Expose(start, start + countTime);
        var absorption = exposure.Absorption;
        double dark = _options.DarkCountRateHz * seconds;
        double onSample = (1 - _options.I0Efficiency) * exposure.IncidentPhotons;
        double edgeAbsorbedFraction = absorption.TotalMuT > 0 ? absorption.EdgeMuT / absorption.TotalMuT * (1 - Math.Exp(-absorption.TotalMuT)) : 0;
        double meanI0 = (_options.I0Efficiency * exposure.IncidentPhotons) + dark;
        double meanIt = (_options.TransmissionEfficiency * onSample * Math.Exp(-absorption.TotalMuT)) + dark;
        double meanIf = (_options.FluorescenceEfficiency * _path.Sample.Options.Edge.FluorescenceYield * onSample * edgeAbsorbedFraction) + dark;
        Dose.Book(exposure, onSample, seconds, _path.Options, _path.Sample.Options);

        Dictionary<string, double> counts;
        lock (_gate)
        {
            counts = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [I0] = _poisson.Next(meanI0),
                [It] = _poisson.Next(meanIt),
                [If] = _poisson.Next(meanIf),
            };
        }

        foreach (var name in ChannelNames)
        {
            Faults.CheckReading(counts[name], name);
        }

        return counts;
    }
}
