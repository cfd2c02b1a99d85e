using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace OperandoRig.Daemon.Tests.Data.Influx;

/// <summary>A request the fake server received.</summary>
internal sealed record RecordedRequest(
    DateTimeOffset At, Uri Uri, string? Authorization, string? ContentEncoding, string? ContentType, string Body, HttpStatusCode Status);

/// <summary>
/// An in-process InfluxDB write endpoint: answers from a script (then 204), records every request with the clock's
/// time and its decompressed body, and can be "down" (connection refused). Completes synchronously, so it runs
/// exactly on a virtual clock.
/// </summary>
internal sealed partial class FakeInfluxHandler(TimeProvider clock) : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _script = new();
    private readonly Lock _gate = new();

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>While true, every request fails like a refused connection.</summary>
    public bool Down { get; set; }

    /// <summary>The next this many requests fail like a refused connection.</summary>
    public int RefuseNext { get; set; }

    /// <summary>Called at each request before it is answered (e.g. to observe the client's state).</summary>
    public Action? OnRequest { get; set; }

    public void Enqueue(HttpStatusCode status, string body = "", string? retryAfter = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(() =>
            {
                var r = new HttpResponseMessage(status) { Content = new StringContent(body) };
                if (retryAfter is not null)
                {
                    r.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
                }

                return r;
            });
        }
    }

    /// <summary>Lines of the accepted (2xx) requests, in arrival order.</summary>
    public List<string> AcceptedLines()
    {
        lock (_gate)
        {
            return Requests.Where(r => (int)r.Status / 100 == 2)
                .SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        }
    }

    /// <summary>(channel, seq) of each accepted line, in arrival order.</summary>
    public List<(string Channel, long Seq)> AcceptedSamples() =>
        AcceptedLines().Select(l =>
        {
            var m = SampleKey().Match(l);
            return (m.Groups[1].Value, long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OnRequest?.Invoke();
        if (Down || RefuseNext-- > 0)
        {
            lock (_gate)
            {
                Requests.Add(new RecordedRequest(clock.GetUtcNow(), request.RequestUri!, null, null, null, "", 0));
            }

            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (fake server down)");
        }

        var raw = request.Content!.ReadAsByteArrayAsync(cancellationToken).GetAwaiter().GetResult();
        var encoding = request.Content.Headers.ContentEncoding.FirstOrDefault();
        if (encoding == "gzip")
        {
            using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gz.CopyTo(plain);
            raw = plain.ToArray();
        }

        HttpResponseMessage response;
        lock (_gate)
        {
            response = _script.Count > 0 ? _script.Dequeue()() : new HttpResponseMessage(HttpStatusCode.NoContent);
            Requests.Add(new RecordedRequest(
                clock.GetUtcNow(), request.RequestUri!, request.Headers.Authorization?.ToString(), encoding,
                request.Content.Headers.ContentType?.ToString(), Encoding.UTF8.GetString(raw), response.StatusCode));
        }

        return Task.FromResult(response);
    }

    [GeneratedRegex(@"channel_id=((?:\\.|[^,\s\\])+).*\bseq=(\d+)i")]
    private static partial Regex SampleKey();
}
