using OperandoRig.Drivers.Abstractions.Errors;

namespace OperandoRig.Simulators.Beamline;

/// <summary>
/// The fault a simulated device shows now: set from <see cref="FaultOptions"/> at creation, changed at run time with
/// <see cref="Inject"/> and <see cref="Clear"/>. Faults act on requests as they start; a request already in flight
/// finishes as it began. A fault affects the control link only, never the physics (a disconnected monochromator still
/// diffracts at its energy).
/// </summary>
public sealed class FaultInjector
{
    private const string Garbage = "\u0015?#E\u00ff";
    private readonly Lock _gate = new();
    private readonly string _device;
    private readonly TimeProvider _clock;
    private readonly bool _hasAxis;
    private DeviceFault _fault;
    private DateTimeOffset _activeFrom;

    internal FaultInjector(string device, FaultOptions options, TimeProvider clock, bool hasAxis)
    {
        _device = device;
        _clock = clock;
        _hasAxis = hasAxis;
        ReplyTimeout = TimeSpan.FromSeconds(options.ReplyTimeoutS);
        if (options.Fault == DeviceFault.StuckAxis && !hasAxis)
        {
            throw new ArgumentException($"{device}.Faults.Fault: StuckAxis needs a device that moves", nameof(options));
        }

        _fault = options.Fault;
        _activeFrom = clock.GetUtcNow().AddSeconds(options.ActiveAfterS);
    }

    /// <summary>How long a request waits for a reply before a timeout, and how long a stuck axis is given.</summary>
    public TimeSpan ReplyTimeout { get; }

    /// <summary>The fault in effect now (<see cref="DeviceFault.None"/> before its start time).</summary>
    public DeviceFault Active
    {
        get
        {
            lock (_gate)
            {
                return _clock.GetUtcNow() >= _activeFrom ? _fault : DeviceFault.None;
            }
        }
    }

    /// <summary>Makes the device show <paramref name="fault"/> from now on.</summary>
    /// <exception cref="ArgumentException"><see cref="DeviceFault.StuckAxis"/> on a device that does not move.</exception>
    public void Inject(DeviceFault fault)
    {
        if (fault == DeviceFault.StuckAxis && !_hasAxis)
        {
            throw new ArgumentException($"{_device}: StuckAxis needs a device that moves", nameof(fault));
        }

        lock (_gate)
        {
            _fault = fault;
            _activeFrom = _clock.GetUtcNow();
        }
    }

    /// <summary>Ends any fault: the device behaves normally from now on.</summary>
    public void Clear() => Inject(DeviceFault.None);

    /// <summary>Applies link faults to a request: throws at once, or after <see cref="ReplyTimeout"/> on the clock.</summary>
    internal async Task CheckRequestAsync(string operation, CancellationToken cancellationToken)
    {
        switch (Active)
        {
            case DeviceFault.Disconnect:
                throw new DeviceNotConnectedException(_device, $"link down, cannot send {operation}");
            case DeviceFault.Timeout:
                await Task.Delay(ReplyTimeout, _clock, cancellationToken);
                throw new DeviceTimeoutException(_device, ReplyTimeout, operation);
            case DeviceFault.GarbageReply:
                throw new DeviceFaultException(_device, $"unparseable reply to {operation}: \"{Garbage}\"");
            default:
                return;
        }
    }

    /// <summary>Returns <paramref name="value"/>, or throws when the reading is NaN (injected or not).</summary>
    internal double CheckReading(double value, string quantity)
    {
        if (Active == DeviceFault.NaNReading || double.IsNaN(value))
        {
            throw new DeviceFaultException(_device, $"invalid reading: {quantity} is NaN");
        }

        return value;
    }

    /// <summary>True when moves must not move.</summary>
    internal bool AxisStuck => Active == DeviceFault.StuckAxis;

    /// <summary>Waits the reply timeout, then reports the axis stuck at <paramref name="position"/>.</summary>
    internal async Task ThrowStuckAsync(string axis, string position, string target, CancellationToken cancellationToken)
    {
        await Task.Delay(ReplyTimeout, _clock, cancellationToken);
        throw new DeviceFaultException(_device, FormattableString.Invariant(
            $"{axis} stuck at {position}: no motion towards {target} within {ReplyTimeout.TotalSeconds:G4} s"));
    }
}
