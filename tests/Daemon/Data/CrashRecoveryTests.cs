using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Daemon.Tests.Data;

/// <summary>
/// The daemon process is SIGKILLed during heavy ingest; after a restart no acknowledged record is
/// missing and none is duplicated, and numbering continues where the store left off.
/// A record is acknowledged when a subscriber has received it: the hub streams only stored records.
/// </summary>
[TestClass]
[DoNotParallelize] // runs a separate daemon process under load
public sealed partial class CrashRecoveryTests
{
    [TestMethod]
    public async Task Daemon_KilledDuringIngest_AcknowledgedRecordsSurviveOnceAndNumberingContinues()
    {
        var folder = Directory.CreateTempSubdirectory("operando-crash-").FullName;
        try
        {
            var rig = Path.Combine(folder, "rig.yaml");
            await File.WriteAllTextAsync(Path.Combine(folder, "long.yaml"), "steps: ['Charge at 0.01 mA for 100 h']\n");
            await File.WriteAllTextAsync(rig, """
                name: crash-rig
                clock: { mode: simulated, speed: 3000 }
                data_dir: data
                listen: 127.0.0.1:0
                channels:
                  - id: ch1
                    sample_period: 1 s
                    voltage_range: [0 V, 5 V]
                    max_current: 10 mA
                    cell: { model: thevenin, capacity: 1.78 mAh, initial_soc: 50 % }
                autostart:
                  - { channel: ch1, protocol: long.yaml }
                """);

            // First life: ingest ~3000 samples/s, acknowledge a few thousand, then SIGKILL.
            var acknowledged = new List<long>();
            using (var daemon = await DaemonProcess.StartAsync(rig))
            {
                using var channel = GrpcChannel.ForAddress(daemon.Address);
                using var call = new Rig.RigClient(channel).StreamSamples(new StreamSamplesRequest { ChannelId = "ch1", FromSeq = 1, MaxCount = 5000 });
                await foreach (var s in call.ResponseStream.ReadAllAsync())
                {
                    acknowledged.Add(s.Seq);
                }

                daemon.Kill(); // SIGKILL: no shutdown, no flush
            }

            CollectionAssert.AreEqual(Enumerable.Range(1, 5000).Select(i => (long)i).ToArray(), acknowledged.ToArray());
            var db = Path.Combine(folder, "data", "operando-rig.db");
            var (count, distinct, min, max) = await ReadSeqStatsAsync(db);
            Assert.AreEqual(count, distinct, "no sequence number is stored twice");
            Assert.AreEqual(1, min);
            Assert.AreEqual(count, max, "the stored sequence has no gap");
            Assert.IsGreaterThanOrEqualTo(5000, max, "every acknowledged record survived the kill");

            // Second life: the store opens cleanly and numbering continues after what survived.
            using (var daemon = await DaemonProcess.StartAsync(rig, "--no-autostart"))
            {
                using var channel = GrpcChannel.ForAddress(daemon.Address);
                var client = new Rig.RigClient(channel);
                await client.StartProtocolAsync(new StartProtocolRequest { ChannelId = "ch1", ProtocolYaml = "steps: ['Rest for 10 min']" });
                using var call = client.StreamSamples(new StreamSamplesRequest { ChannelId = "ch1", FromSeq = max + 1, MaxCount = 100 });
                var next = new List<long>();
                await foreach (var s in call.ResponseStream.ReadAllAsync())
                {
                    next.Add(s.Seq);
                }

                CollectionAssert.AreEqual(Enumerable.Range(0, 100).Select(i => max + 1 + i).ToArray(), next.ToArray());
                daemon.Kill();
            }

            var after = await ReadSeqStatsAsync(db);
            Assert.AreEqual(after.Count, after.Distinct);
            Assert.AreEqual(after.Count, after.Max);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(long Count, long Distinct, long Min, long Max)> ReadSeqStatsAsync(string db)
    {
        await using var conn = new SqliteConnection($"Data Source={db}");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq) FROM samples WHERE channel_id = 'ch1'";
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
    }

    /// <summary>operando-rigd as a child process; the address is read from its start-up line.</summary>
    private sealed partial class DaemonProcess : IDisposable
    {
        private readonly Process _process;

        private DaemonProcess(Process process, string address)
        {
            _process = process;
            Address = address;
        }

        public string Address { get; }

        public static async Task<DaemonProcess> StartAsync(string rig, params string[] extra)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "operando-rigd.dll"), "--config", rig }.Concat(extra))
            {
                info.ArgumentList.Add(a);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start operando-rigd");
            _ = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } m)
                {
                    _ = process.StandardOutput.ReadToEndAsync(); // keep draining so the daemon never blocks on stdout
                    return new DaemonProcess(process, m.Groups[1].Value);
                }
            }

            process.Kill();
            throw new InvalidOperationException($"operando-rigd exited with {process.ExitCode} before listening");
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(); // SIGKILL on Linux
                _process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        [GeneratedRegex(@"gRPC on (http://\S+);")]
        private static partial Regex Listening();
    }
}
