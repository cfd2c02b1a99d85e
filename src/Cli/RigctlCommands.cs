using System.CommandLine;
using System.Globalization;
using OperandoRig.Protocol.Grpc;
using OperandoRig.Protocol.Grpc.Client;
using OperandoRig.Protocol.V1;

namespace OperandoRig.Cli;

/// <summary>rigctl's commands: a thin gRPC client of the daemon.</summary>
internal static class RigctlCommands
{
    private static readonly Option<string> Server = new("--server")
    {
        Description = "Daemon address (default: $RIGCTL_SERVER or http://127.0.0.1:50051)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RIGCTL_SERVER") ?? "http://127.0.0.1:50051",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("rigctl: control and watch an OperandoRig daemon") { Server };
        root.Subcommands.Add(Info());
        root.Subcommands.Add(Start());
        root.Subcommands.Add(Stream());
        root.Subcommands.Add(Ping());
        return root;
    }

    private static Command Info()
    {
        var cmd = new Command("info", "Show the rig's channels, their limits and what they are doing");
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
        {
            var info = await new Rig.RigClient(client).GetRigInfoAsync(new GetRigInfoRequest(), cancellationToken: ct);
            Console.WriteLine($"rig {info.RigName}   daemon clock {Time(info.ServerTimeUnixS)}");
            foreach (var c in info.Channels)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {c.ChannelId,-6} {c.Driver,-10} {c.MinVoltageV:G4}..{c.MaxVoltageV:G4} V  ±{c.MaxAbsCurrentA * 1e3:G4} mA  every {c.SamplePeriodS:G4} s  {c.State,-8} {c.RunId}"));
            }
        }));
        return cmd;
    }

    private static Command Start()
    {
        var channel = new Argument<string>("channel") { Description = "Channel id, e.g. ch1" };
        var file = new Argument<FileInfo>("protocol") { Description = "Protocol file (YAML)" };
        var cmd = new Command("start", "Check a protocol against the channel and start it") { channel, file };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
        {
            var path = p.GetValue(file)!;
            var reply = await new Rig.RigClient(client).StartProtocolAsync(new StartProtocolRequest
            {
                ChannelId = p.GetValue(channel),
                ProtocolYaml = await File.ReadAllTextAsync(path.FullName, ct),
                SourceName = path.Name,
            }, cancellationToken: ct);
            var estimate = reply.EstimatedDurationS > 0
                ? string.Create(CultureInfo.InvariantCulture, $"at most {TimeSpan.FromSeconds(reply.EstimatedDurationS)}")
                : "duration depends on the cell";
            Console.WriteLine($"started run {reply.RunId} ({estimate})");
        }));
        return cmd;
    }

    private static Command Stream()
    {
        var channel = new Argument<string>("channel") { Description = "Channel id, e.g. ch1" };
        var from = new Option<long>("--from") { Description = "First sequence number (default 1: everything stored, then live)", DefaultValueFactory = _ => 1 };
        var count = new Option<long>("--count") { Description = "Stop after this many samples (default: until Ctrl+C)" };
        var cmd = new Command("stream", "Print a channel's samples: stored ones from --from, then live ones") { channel, from, count };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
        {
            using var call = new Rig.RigClient(client).StreamSamples(
                new StreamSamplesRequest { ChannelId = p.GetValue(channel), FromSeq = p.GetValue(from), MaxCount = p.GetValue(count) },
                cancellationToken: ct);
            await foreach (var s in call.ResponseStream.ReadAllAsync(ct))
            {
                Console.WriteLine(Format(s));
            }
        }));
        return cmd;
    }

    private static Command Ping()
    {
        var cmd = new Command("ping", "Check that the daemon answers");
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
        {
            var reply = await new Diagnostics.DiagnosticsClient(client).PingAsync(new PingRequest { Payload = "rigctl" }, cancellationToken: ct);
            Console.WriteLine($"pong from {p.GetValue(Server)} at daemon time {Time(reply.ServerTimeUnixS)}");
        }));
        return cmd;
    }

    /// <summary>One line per sample, in the daemon's console format.</summary>
    internal static string Format(SampleMessage s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.ChannelId} #{s.Seq,-6} {Time(s.TimeUnixS)} cycle {s.Cycle} step {s.StepIndex} {s.StepLabel,-9} {s.VoltageV,8:F4} V {s.CurrentA * 1e3,9:F4} mA {s.ChargeAh * 1e3,9:F4} mAh");

    private static string Time(double unixS) =>
        DateTimeOffset.UnixEpoch.AddSeconds(unixS).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task<int> RunAsync(ParseResult parse, Func<GrpcChannel, Task> action)
    {
        var server = parse.GetValue(Server)!;
        try
        {
            using var channel = GrpcChannel.ForAddress(server);
            await action(channel);
            return 0;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            return 130;
        }
        catch (RpcException ex)
        {
            await Console.Error.WriteLineAsync($"rigctl: {ex.StatusCode}: {ex.Status.Detail}");
            return ex.StatusCode == StatusCode.Unavailable ? 3 : 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"rigctl: cannot reach the daemon at {server}: {ex.Message}");
            return 3;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"rigctl: {ex.Message}");
            return 1;
        }
    }
}
