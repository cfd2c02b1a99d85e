using System.Net.Http.Headers;
using System.Text;

namespace OperandoRig.Daemon.Data.Influx;

/// <summary>Where and how a batch is posted: the write URL (v1 <c>/write</c> or v2 <c>/api/v2/write</c>) and its authorisation.</summary>
public sealed class InfluxWriteEndpoint
{
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Builds the endpoint from validated options.</summary>
    public InfluxWriteEndpoint(InfluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var query = new StringBuilder();
        if (options.Api == InfluxApiVersion.V1)
        {
            Add(query, "db", options.Database!);
            if (!string.IsNullOrEmpty(options.RetentionPolicy))
            {
                Add(query, "rp", options.RetentionPolicy);
            }

            if (!string.IsNullOrEmpty(options.Username))
            {
                // Basic auth rather than u=/p= in the query, so the password never lands in access logs.
                var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password));
                _authorization = new AuthenticationHeaderValue("Basic", basic);
            }
        }
        else
        {
            Add(query, "org", options.Org!);
            Add(query, "bucket", options.Bucket!);
            _authorization = new AuthenticationHeaderValue("Token", options.Token);
        }

        Add(query, "precision", options.Precision.ToQueryValue());
        WriteUri = new Uri(options.BaseUri, (options.Api == InfluxApiVersion.V1 ? "write" : "api/v2/write") + "?" + query);
        Gzip = options.Gzip;
    }

    /// <summary>The full write URL with its query (no credentials).</summary>
    public Uri WriteUri { get; }

    /// <summary>Whether bodies are gzip-compressed.</summary>
    public bool Gzip { get; }

    /// <summary>Builds one POST of <paramref name="body"/> (already compressed when <see cref="Gzip"/>).</summary>
    public HttpRequestMessage CreateRequest(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (Gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, WriteUri) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = _authorization;
        return request;
    }

    private static void Add(StringBuilder query, string key, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(key).Append('=').Append(Uri.EscapeDataString(value));
    }
}
