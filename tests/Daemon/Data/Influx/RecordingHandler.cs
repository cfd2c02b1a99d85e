using System.Text;
using System.Text.RegularExpressions;

namespace OperandoRig.Daemon.Tests.Data.Influx;

/// <summary>Passes requests to a real server and keeps the bodies the server accepted (2xx), in order.</summary>
internal sealed partial class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<string> _accepted = [];

    public List<(string Channel, long Seq)> AcceptedSamples()
    {
        lock (_accepted)
        {
            return _accepted.SelectMany(b => b.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Select(l =>
            {
                var m = SampleKey().Match(l);
                return (m.Groups[1].Value, long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }).ToList();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var raw = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            using var gz = new System.IO.Compression.GZipStream(new MemoryStream(raw), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gz, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(cancellationToken);
            lock (_accepted)
            {
                _accepted.Add(text);
            }
        }

        return response;
    }

    [GeneratedRegex(@"channel_id=((?:\\.|[^,\s\\])+).*\bseq=(\d+)i")]
    private static partial Regex SampleKey();
}
