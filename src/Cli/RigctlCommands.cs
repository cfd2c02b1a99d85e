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
        root.Subcommands.Add(Check());
        root.Subcommands.Add(Stream());
        root.Subcommands.Add(Status());
        root.Subcommands.Add(Pause());
        foreach (var (name, action, help) in new[]
        {
            ("resume", RunControlAction.Resume, "Resume a paused or suspended run where it was held"),
            ("stop", RunControlAction.Stop, "Stop the run cleanly (the cell goes to open circuit; the run ends as finished)"),
            ("abort", RunControlAction.Abort, "Abort the run cleanly (as stop, but recorded as failed)"),
            ("halt", RunControlAction.Halt, "Halt at once without clean-up (the journal keeps the last step transition)"),
        })
        {
            root.Subcommands.Add(Control(name, action, help));
        }

        root.Subcommands.Add(Cycles());
        root.Subcommands.Add(Sync());
        root.Subcommands.Add(Ack());
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
                var s = c.Safety;
                var temperature = double.IsNaN(s.MinTemperatureC) ? "" : $", {s.MinTemperatureC:G4}..{s.MaxTemperatureC:G4} °C";
                var silence = s.MaxSilenceS > 0 ? $", silent at most {s.MaxSilenceS:G4} s" : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"         safety: {s.MinVoltageV:G4}..{s.MaxVoltageV:G4} V, ±{s.MaxAbsCurrentA * 1e3:G4} mA{temperature}{silence}{(s.ShortCircuitDetection ? ", short-circuit detection" : "")}"));
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
            Console.Write(reply.Check.Report);
        }));
        return cmd;
    }

    private static Command Check()
    {
        var channel = new Argument<string>("channel") { Description = "Channel id, e.g. ch1" };
        var file = new Argument<FileInfo>("protocol") { Description = "Protocol file (YAML)" };
        var cmd = new Command("check", "Check a protocol against the channel's capabilities and safety limits without starting it") { channel, file };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
        {
            var path = p.GetValue(file)!;
            var reply = await new Rig.RigClient(client).CheckProtocolAsync(new StartProtocolRequest
            {
                ChannelId = p.GetValue(channel),
                ProtocolYaml = await File.ReadAllTextAsync(path.FullName, ct),
                SourceName = path.Name,
            }, cancellationToken: ct);
            Console.WriteLine($"{path.Name}: OK");
            Console.Write(reply.Report);
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

    private static readonly Option<string> Reason = new("--reason") { Description = "Why (recorded with the action)", DefaultValueFactory = _ => "rigctl" };

    private static Command Status()
    {
        var channel = new Argument<string>("channel") { Description = "Channel id, e.g. ch1" };
        var cmd = new Command("status", "Show a channel's state, step, counters and last reading") { channel };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
            Console.WriteLine(Format(await new Rig.RigClient(client).GetChannelStatusAsync(
                new GetChannelStatusRequest { ChannelId = p.GetValue(channel) }, cancellationToken: ct)))));
        return cmd;
    }

    private static Command Pause()
    {
        var channel = new Argument<string>("channel") { Description = "Channel id, e.g. ch1" };
        var hold = new Option<string>("--hold")
        {
            Description = "How the cell is held: open-circuit (default), hold-voltage or keep-current",
            DefaultValueFactory = _ => "open-circuit",
        };
        hold.AcceptOnlyFromAmong("open-circuit", "hold-voltage", "keep-current");
        var cmd = new Command("pause", "Pause the run; the cell is held by the hold policy until resume") { channel, hold, Reason };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
            Console.WriteLine(Format(await new Rig.RigClient(client).ControlRunAsync(new ControlRunRequest
            {
                ChannelId = p.GetValue(channel),
                Action = RunControlAction.Pause,
                Hold = p.GetValue(hold) switch
                {
                    "hold-voltage" => HoldPolicyKind.HoldVoltage,
                    "keep-current" => HoldPolicyKind.KeepCurrent,
                    _ => HoldPolicyKind.OpenCircuit,
                },
                Reason = p.GetValue(Reason),
            }, cancellationToken: ct)))));
        return cmd;
    }

    private static Command Control(string name, RunControlAction action, string help)
    {
        var channel = new Argument<string>("channel") { Description = "Channel id, e.g. ch1" };
        var cmd = new Command(name, help) { channel, Reason };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
            Console.WriteLine(Format(await new Rig.RigClient(client).ControlRunAsync(
                new ControlRunRequest { ChannelId = p.GetValue(channel), Action = action, Reason = p.GetValue(Reason) }, cancellationToken: ct)))));
        return cmd;
    }

    /// <summary>A channel's status in a few lines.</summary>
    internal static string Format(ChannelStatusMessage s)
    {
        var hold = s.Hold == HoldPolicyKind.Unspecified ? "" : $" (held: {s.Hold})";
        var ended = string.IsNullOrEmpty(s.EndReason) ? "" : $"\n  ended: {s.EndReason}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.ChannelId} {s.State}{hold} run {s.RunId}{ended}\n" +
            $"  cycle {s.Cycle} step {s.StepIndex} {s.StepLabel} (#{s.StepNumber}, {s.StepTimeS:F1} s)  {s.VoltageV:F4} V {s.CurrentA * 1e3:F4} mA  {s.SampleCount} samples\n" +
            $"  total: charge {s.Total.ChargeAh * 1e3:F4} mAh / {s.Total.ChargeWh * 1e3:F4} mWh, discharge {s.Total.DischargeAh * 1e3:F4} mAh / {s.Total.DischargeWh * 1e3:F4} mWh");
    }

    private static Command Cycles()
    {
        var run = new Argument<string>("run") { Description = "Run id (rigctl info or status shows it)" };
        var mass = new Option<double>("--active-mass-mg") { Description = "Active mass in mg, for mAh/g" };
        var cmd = new Command("cycles", "Per-cycle capacities, efficiency, mean voltages, hysteresis and retention of a stored run") { run, mass };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
        {
            var reply = await new Analytics.AnalyticsClient(client).GetCycleSummariesAsync(
                new CycleSummariesRequest { RunId = p.GetValue(run), ActiveMassMg = p.GetValue(mass) }, cancellationToken: ct);
            Console.WriteLine($"run {reply.RunId} on {reply.ChannelId}");
            Console.WriteLine("cycle  Qch/mAh  Qdis/mAh   CE/%    Vch/V   Vdis/V  hyst/mV  retention/%  mAh/g(dis)");
            foreach (var c in reply.Cycles)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Cycle,5} {c.ChargeCapacityAh * 1e3,8:F4} {c.DischargeCapacityAh * 1e3,9:F4} {c.CoulombicEfficiency * 100,6:F2} {c.MeanChargeVoltageV,8:F4} {c.MeanDischargeVoltageV,8:F4} {c.VoltageHysteresisV * 1e3,8:F1} {c.CapacityRetention * 100,12:F2} {c.SpecificDischargeCapacityMahPerG,11:F1}{(c.Complete ? "" : "  (in progress)")}"));
            }
        }));
        return cmd;
    }

    private static Command Sync()
    {
        var channel = new Argument<string>("channel") { Description = "Only this channel's sync points (default: every channel)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "" };
        var count = new Option<int>("--count") { Description = "Stop after this many sync points (default: until Ctrl+C)" };
        var cmd = new Command("sync", "Print the sync points an operando plan's sync steps publish (held cells waiting for a beamline script): pending ones, then each new one") { channel, count };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
        {
            using var call = new Operando.OperandoClient(client).WatchSyncPoints(
                new WatchSyncPointsRequest { ChannelId = p.GetValue(channel) ?? "", MaxCount = p.GetValue(count) }, cancellationToken: ct);
            await foreach (var m in call.ResponseStream.ReadAllAsync(ct))
            {
                Console.WriteLine(Format(m));
            }
        }));
        return cmd;
    }

    private static Command Ack()
    {
        var syncId = new Argument<string>("sync-id") { Description = "The sync point's id, as rigctl sync prints it" };
        var outcome = new Option<string>("--outcome") { Description = "What the script did: done (default) or failed", DefaultValueFactory = _ => "done" };
        outcome.AcceptOnlyFromAmong("done", "failed");
        var message = new Option<string>("--message") { Description = "Recorded with the acknowledgement", DefaultValueFactory = _ => "rigctl" };
        var cmd = new Command("ack", "Acknowledge a sync point: the held cell's operando plan goes on") { syncId, outcome, message };
        cmd.SetAction((p, ct) => RunAsync(p, async client =>
        {
            var reply = await new Operando.OperandoClient(client).AcknowledgeSyncAsync(new AcknowledgeSyncRequest
            {
                SyncId = p.GetValue(syncId),
                Outcome = p.GetValue(outcome) == "failed" ? SyncOutcome.Failed : SyncOutcome.Done,
                Message = p.GetValue(message) ?? "",
            }, cancellationToken: ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{reply.SyncId} acknowledged at {Time(reply.AcknowledgedUnixS)} after {reply.WaitedS:0.###} s"));
        }));
        return cmd;
    }

    /// <summary>One line per sync point: id, channel, label, trigger, spots, cell state, time left.</summary>
    internal static string Format(SyncPointMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var state = m.State is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"cycle {s.Cycle} step {s.StepIndex} {s.StepLabel} {s.VoltageV:F4} V SOC {s.Soc * 100:F2} %")
            : "no sample yet";
        return string.Create(CultureInfo.InvariantCulture,
            $"{m.SyncId} {m.ChannelId} '{m.Label}' for {m.TriggerId} at {string.Join(", ", m.Spots)}: {state}; published {Time(m.PublishedUnixS)}, {m.DeadlineUnixS - m.ServerTimeUnixS:0} s left (daemon clock)");
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
