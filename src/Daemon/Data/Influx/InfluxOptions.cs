using System.Globalization;
using OperandoRig.Daemon.Config;

namespace OperandoRig.Daemon.Data.Influx;

/// <summary>
/// Settings of the InfluxDB replica (rig YAML section <c>influx:</c>). <see cref="Validate"/> runs at start-up;
/// its errors name the config key and the value, e.g. <c>influx.url: 'x' is not an absolute http(s) URL</c>.
/// </summary>
public sealed record InfluxOptions
{
    /// <summary><c>influx.url</c>: base URL of the server, e.g. <c>http://127.0.0.1:8086</c>.</summary>
    public string Url { get; init; } = "";

    /// <summary><c>influx.api</c>: <c>v1</c> (<c>/write</c>) or <c>v2</c> (<c>/api/v2/write</c>).</summary>
    public InfluxApiVersion Api { get; init; } = InfluxApiVersion.V1;

    /// <summary><c>influx.database</c> (v1): the database.</summary>
    public string? Database { get; init; }

    /// <summary><c>influx.retention_policy</c> (v1, optional): the retention policy; the database default when unset.</summary>
    public string? RetentionPolicy { get; init; }

    /// <summary><c>influx.username</c> (v1, optional): user, sent with HTTP Basic authentication.</summary>
    public string? Username { get; init; }

    /// <summary><c>influx.password</c> (v1, optional): password of <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary><c>influx.org</c> (v2): organisation name or id.</summary>
    public string? Org { get; init; }

    /// <summary><c>influx.bucket</c> (v2): the bucket.</summary>
    public string? Bucket { get; init; }

    /// <summary><c>influx.token</c> (v2): API token, sent as <c>Authorization: Token …</c>.</summary>
    public string? Token { get; init; }

    /// <summary><c>influx.measurement</c>: the measurement samples are written to.</summary>
    public string Measurement { get; init; } = "operando_sample";

    /// <summary><c>influx.precision</c>: timestamp precision (<c>ns</c>, <c>us</c>, <c>ms</c>, <c>s</c>); default <c>ns</c>.</summary>
    public LineProtocolPrecision Precision { get; init; } = LineProtocolPrecision.Nanoseconds;

    /// <summary><c>influx.batch_size</c>: lines per request (1 to 100 000); InfluxData recommends 5 000.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary><c>influx.gzip</c>: gzip request bodies (<c>Content-Encoding: gzip</c>).</summary>
    public bool Gzip { get; init; } = true;

    /// <summary><c>influx.poll_interval</c>: how often to look for new samples once caught up.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>influx.request_timeout</c>: deadline of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>influx.retry_delay</c>: first retry delay; doubles (with jitter) on each retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>influx.max_retry_delay</c>: cap of the exponential back-off.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>influx.max_retry_after</c>: cap on a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>influx.breaker_failures</c>: consecutive failed attempts (within <see cref="BreakerSamplingDuration"/>) that open the circuit.</summary>
    public int BreakerFailures { get; init; } = 5;

    /// <summary><c>influx.breaker_sampling</c>: the window in which failures are counted.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>influx.break_duration</c>: how long the open circuit refuses attempts before one trial.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>influx.rejected_retry_interval</c>: after the server rejected a batch for good (4xx), wait this long before trying it again (an operator may fix the cause meanwhile).</summary>
    public TimeSpan RejectedRetryInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The base URL, valid after <see cref="Validate"/>.</summary>
    public Uri BaseUri => new(Url.EndsWith('/') ? Url : Url + "/", UriKind.Absolute);

    /// <summary>Checks every setting; throws <see cref="RigConfigException"/> naming the first bad key and its value.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Bad("url", Url, "is not an absolute http(s) URL, e.g. http://127.0.0.1:8086");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw Bad("url", Url, "must not carry a query or fragment; put database/bucket in their own keys");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Bad("url", "(redacted)", "must not carry credentials; use influx.username/password or influx.token");
        }

        if (Api == InfluxApiVersion.V1)
        {
            Require("database", Database, "v1");
            if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
            {
                throw Bad(string.IsNullOrEmpty(Username) ? "username" : "password", "", "is required when the other of influx.username/password is set");
            }
        }
        else
        {
            Require("org", Org, "v2");
            Require("bucket", Bucket, "v2");
            Require("token", Token, "v2");
        }

        if (string.IsNullOrWhiteSpace(Measurement) || Measurement.StartsWith('#') || Measurement.Contains('\n', StringComparison.Ordinal)
            || Measurement.AsSpan().TrimEnd('\\').IsEmpty)
        {
            throw Bad("measurement", Measurement, "must be a non-empty name that does not start with '#' (a comment line)");
        }

        if (BatchSize is < 1 or > 100_000)
        {
            throw Bad("batch_size", BatchSize.ToString(CultureInfo.InvariantCulture), "must be between 1 and 100000 lines");
        }

        if (BreakerFailures < 2)
        {
            throw Bad("breaker_failures", BreakerFailures.ToString(CultureInfo.InvariantCulture), "must be at least 2");
        }

        Positive("poll_interval", PollInterval, TimeSpan.Zero);
        Positive("request_timeout", RequestTimeout, TimeSpan.Zero);
        Positive("retry_delay", RetryDelay, TimeSpan.Zero);
        if (MaxRetryDelay < RetryDelay)
        {
            throw Bad("max_retry_delay", MaxRetryDelay.ToString("c", CultureInfo.InvariantCulture), "must not be shorter than influx.retry_delay");
        }

        Positive("max_retry_after", MaxRetryAfter, TimeSpan.Zero);
        Positive("breaker_sampling", BreakerSamplingDuration, TimeSpan.FromMilliseconds(499));
        Positive("break_duration", BreakDuration, TimeSpan.FromMilliseconds(499));
        Positive("rejected_retry_interval", RejectedRetryInterval, TimeSpan.Zero);
    }

    /// <summary>Identifies the replica (URL, API, database/bucket, measurement; never credentials): each target has its own cursor, so a new target is backfilled from the first sample.</summary>
    public string TargetKey => Api == InfluxApiVersion.V1
        ? $"v1 {BaseUri} db={Database} rp={RetentionPolicy} m={Measurement}"
        : $"v2 {BaseUri} org={Org} bucket={Bucket} m={Measurement}";

    /// <inheritdoc />
    public override string ToString() => TargetKey; // never prints password or token

    private static RigConfigException Bad(string key, string value, string problem) => new($"influx.{key}: '{value}' {problem}");

    private static void Require(string key, string? value, string api)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Bad(key, value ?? "", $"is required with influx.api: {api}");
        }
    }

    private static void Positive(string key, TimeSpan value, TimeSpan above)
    {
        if (value <= above)
        {
            throw Bad(key, value.ToString("c", CultureInfo.InvariantCulture), $"must be longer than {above.ToString("c", CultureInfo.InvariantCulture)}");
        }
    }
}
