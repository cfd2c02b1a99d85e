using OperandoRig.Drivers.Abstractions.Beamline;
using OperandoRig.Drivers.Abstractions.Errors;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// A simulated shutter. Opening or closing takes <see cref="SimulatedShutterOptions.MoveTimeS"/>; the new state holds
/// from the end of the move. When interlocked to the ring it closes at a beam dump (and stays closed after the refill
/// until opened again) and refuses to open while no beam is delivered.
/// </summary>
public sealed class SimulatedShutter : IShutter
{
    private readonly Lock _gate = new();
    private readonly SimulatedShutterOptions _options;
    private readonly TimeProvider _clock;
    private readonly SimulatedRing? _ring;
    private readonly List<(DateTimeOffset At, bool Open)> _history;

    /// <summary>Creates the shutter.</summary>
    /// <param name="options">Settings; validated here.</param>
    /// <param name="clock">The clock moves wait on.</param>
    /// <param name="ring">The ring it is interlocked to, if any.</param>
    public SimulatedShutter(SimulatedShutterOptions options, TimeProvider clock, SimulatedRing? ring = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
        _ring = ring;
        _history = [(clock.GetUtcNow(), options.InitiallyOpen)];
        Faults = new FaultInjector(options.Name, options.Faults, clock, hasAxis: true);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>The fault this device shows; inject or clear at run time.</summary>
    public FaultInjector Faults { get; }

    private bool Interlocked => _options.CloseOnBeamDump && _ring is not null;

    /// <summary>True when the shutter passes beam at <paramref name="time"/> (physics, not affected by faults).</summary>
    public bool IsOpenAt(DateTimeOffset time) => OpenIntervals(time, time.AddTicks(1)).Count > 0;

    /// <summary>The stretches of [<paramref name="from"/>, <paramref name="to"/>) during which the shutter passes beam.</summary>
    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> OpenIntervals(DateTimeOffset from, DateTimeOffset to)
    {
        (DateTimeOffset At, bool Open)[] history;
        lock (_gate)
        {
            history = [.. _history];
        }

        var result = new List<(DateTimeOffset, DateTimeOffset)>();
        for (int i = 0; i < history.Length; i++)
        {
            if (!history[i].Open || (i + 1 < history.Length && history[i + 1].At <= from))
            {
                continue;
            }

            DateTimeOffset openedAt = history[i].At;
            DateTimeOffset end = i + 1 < history.Length ? history[i + 1].At : DateTimeOffset.MaxValue;
            if (Interlocked && _ring!.FirstDumpBetween(openedAt, Min(end, to)) is { } dump)
            {
                end = dump;
            }

            DateTimeOffset a = openedAt > from ? openedAt : from;
            DateTimeOffset b = Min(end, to);
            if (b > a)
            {
                result.Add((a, b));
            }
        }

        return result;
    }

    /// <summary>Opens the shutter; a no-op when open.</summary>
    /// <exception cref="InvalidDeviceStateException">Interlocked and the ring delivers no beam.</exception>
    public Task OpenAsync(CancellationToken cancellationToken) => MoveAsync(open: true, cancellationToken);

    /// <summary>Closes the shutter; a no-op when closed.</summary>
    public Task CloseAsync(CancellationToken cancellationToken) => MoveAsync(open: false, cancellationToken);

    /// <summary>Reads whether the shutter is open.</summary>
    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken)
    {
        await Faults.CheckRequestAsync("read state", cancellationToken);
        if (Faults.Active == DeviceFault.NaNReading)
        {
            throw new DeviceFaultException(Name, "invalid reading: position switches report neither open nor closed");
        }

        return IsOpenAt(_clock.GetUtcNow());
    }

    private async Task MoveAsync(bool open, CancellationToken cancellationToken)
    {
        string verb = open ? "open" : "close";
        await Faults.CheckRequestAsync(verb, cancellationToken);
        var now = _clock.GetUtcNow();
        if (IsOpenAt(now) == open)
        {
            return;
        }

        if (open && Interlocked && !_ring!.BeamAvailableAt(now))
        {
            throw new InvalidDeviceStateException(Name, $"cannot open: no beam permit ({_ring.Name} delivers no beam)");
        }

        if (Faults.AxisStuck)
        {
            await Faults.ThrowStuckAsync("blade", open ? "closed" : "open", verb, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(_options.MoveTimeS), _clock, cancellationToken);
        lock (_gate)
        {
            _history.Add((_clock.GetUtcNow(), open));
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
