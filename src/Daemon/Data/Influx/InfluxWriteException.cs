using System.Net;

namespace OperandoRig.Daemon.Data.Influx;

/// <summary>
/// The server answered a write with an error status. <see cref="IsRetryable"/> is true for 429 and 5xx (the batch
/// will be sent again); false for other statuses, e.g. 400 (bad line protocol), 401/403 (authorisation), 404
/// (database, org or bucket not found), 413 (too large): sending the same batch again cannot succeed until someone
/// fixes the cause. The message holds the server's own explanation.
/// </summary>
public sealed class InfluxWriteException : HttpRequestException
{
    /// <summary>Creates the exception for a response.</summary>
    public InfluxWriteException(HttpStatusCode status, string serverMessage, TimeSpan? retryAfter, Uri writeUri)
        : base(Describe(status, serverMessage, writeUri), null, status)
    {
        ServerMessage = serverMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>The response body (trimmed, at most 2 000 characters), e.g. InfluxDB's <c>{"error":"unable to parse …"}</c>.</summary>
    public string ServerMessage { get; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when sending the same batch later may succeed (429, 5xx).</summary>
    public bool IsRetryable => IsRetryableStatus(StatusCode ?? 0);

    /// <summary>Whether a status is worth retrying: 429 (rate limited) and 5xx.</summary>
    public static bool IsRetryableStatus(HttpStatusCode status) => (int)status == 429 || (int)status >= 500;

    private static string Describe(HttpStatusCode status, string serverMessage, Uri writeUri)
    {
        var hint = (int)status switch
        {
            400 => "the server rejected the line protocol",
            401 or 403 => "not authorised: check influx.username/password or influx.token",
            404 => "not found: check influx.url, influx.database / influx.org / influx.bucket",
            413 => "request too large: lower influx.batch_size",
            422 => "the server rejected some or all points",
            429 => "rate limited",
            _ => "server error",
        };
        return $"InfluxDB write to {writeUri.GetLeftPart(UriPartial.Path)} failed: {(int)status} {status}: {hint}; server said: {(serverMessage.Length == 0 ? "(empty body)" : serverMessage)}";
    }
}
