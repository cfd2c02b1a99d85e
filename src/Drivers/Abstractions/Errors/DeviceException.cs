namespace OperandoRig.Drivers.Abstractions.Errors;

/// <summary>Base of the errors a device reports; each subclass maps to one gRPC status.</summary>
public abstract class DeviceException : Exception
{
    /// <summary>Creates the error for <paramref name="device"/>.</summary>
    protected DeviceException(string device, string message, Exception? inner = null)
        : base($"{device}: {message}", inner) => Device = device;

    /// <summary>The device's configured name.</summary>
    public string Device { get; }
}

/// <summary>The device reported a fault or an invalid reply (maps to gRPC INTERNAL / UNAVAILABLE by context).</summary>
public sealed class DeviceFaultException(string device, string message, Exception? inner = null)
    : DeviceException(device, message, inner);

/// <summary>The device did not answer in time (our own deadline, not the caller's cancellation).</summary>
public sealed class DeviceTimeoutException(string device, TimeSpan timeout, string operation)
    : DeviceException(device, FormattableString.Invariant($"no reply to {operation} within {timeout.TotalSeconds:G4} s"))
{
    /// <summary>How long was waited.</summary>
    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>The device is not connected or the link dropped.</summary>
public sealed class DeviceNotConnectedException(string device, string message, Exception? inner = null)
    : DeviceException(device, message, inner);

/// <summary>A request exceeds what the device declares it can do (maps to gRPC FAILED_PRECONDITION / INVALID_ARGUMENT).</summary>
public sealed class CapabilityException(string device, string message) : DeviceException(device, message);

/// <summary>A command is not valid in the device's present state, e.g. resume while not paused.</summary>
public sealed class InvalidDeviceStateException(string device, string message) : DeviceException(device, message);
