using System.Globalization;

namespace OperandoRig.Protocol.Grpc;

/// <summary>The outcome of a call: a status code and a human-readable detail (sent as <c>grpc-message</c>).</summary>
public readonly struct Status : IEquatable<Status>
{
    /// <summary>The status of a call that completed successfully.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);

    /// <summary>The status of a call that was cancelled.</summary>
    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, string.Empty);

    public Status(StatusCode statusCode, string detail)
        : this(statusCode, detail, null)
    {
    }

    public Status(StatusCode statusCode, string detail, Exception? debugException)
    {
        StatusCode = statusCode;
        Detail = detail ?? string.Empty;
        DebugException = debugException;
    }

    public StatusCode StatusCode { get; }

    public string Detail { get; }

    /// <summary>The local exception that caused this status, if any; never sent over the wire.</summary>
    public Exception? DebugException { get; }

    public static bool operator ==(Status left, Status right) => left.Equals(right);

    public static bool operator !=(Status left, Status right) => !left.Equals(right);

    public bool Equals(Status other) => StatusCode == other.StatusCode && string.Equals(Detail, other.Detail, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Status other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(StatusCode, StringComparer.Ordinal.GetHashCode(Detail));

    public override string ToString() =>
        DebugException is null
            ? string.Format(CultureInfo.InvariantCulture, "Status(StatusCode=\"{0}\", Detail=\"{1}\")", StatusCode, Detail)
            : string.Format(CultureInfo.InvariantCulture, "Status(StatusCode=\"{0}\", Detail=\"{1}\", DebugException=\"{2}: {3}\")", StatusCode, Detail, DebugException.GetType(), DebugException.Message);
}
