namespace OperandoRig.Daemon.Hosting;

/// <summary>Command-line settings of the daemon; each overrides the rig file where both say something.</summary>
public sealed record DaemonOptions
{
    /// <summary>The rig file. <value>config/rig.sim.yaml</value></summary>
    public string ConfigPath { get; init; } = Path.Combine("config", "rig.sim.yaml");

    /// <summary>Overrides the rig file's <c>listen</c> (host:port; port 0 picks a free port).</summary>
    public string? Listen { get; init; }

    /// <summary>Overrides the rig file's <c>data_dir</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Overrides the simulated clock's speed (simulated seconds per real second).</summary>
    public double? Speed { get; init; }

    /// <summary>Print each new sample on standard output.</summary>
    public bool PrintSamples { get; init; }

    /// <summary>Start no autostart protocol (the rig waits for StartProtocol calls).</summary>
    public bool NoAutostart { get; init; }

    /// <summary>An operando plan to run when the daemon starts (needs a rig file with a <c>beamline:</c> section).</summary>
    public string? OperandoPlanPath { get; init; }

    /// <summary>Stop the daemon when the operando plan has run to its end.</summary>
    public bool ExitWhenDone { get; init; }

    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: operando-rigd [--config FILE] [--listen HOST:PORT] [--data-dir DIR] [--speed X] [--print-samples] [--no-autostart]
                            [--operando PLAN [--exit-when-done]]
          --config FILE      rig file (default config/rig.sim.yaml)
          --listen HOST:PORT gRPC endpoint (default from the rig file, 127.0.0.1:50051)
          --data-dir DIR     where the SQLite store lives (default from the rig file)
          --speed X          simulated seconds per real second (simulated clock only)
          --print-samples    print every new sample on standard output
          --no-autostart     do not start the rig file's autostart protocols
          --operando PLAN    run an operando plan (config/experiments/operando-*.yaml) on the rig's channels and
                             beamline, printing each trigger, hold, scan (SOC, edge position) and a summary
                             instead of every sample; needs a rig file with a beamline: section
          --exit-when-done   with --operando: stop the daemon when the plan has run (exit code 1 if it failed)
        """;

    /// <summary>Parses command-line arguments; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static DaemonOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = new DaemonOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]}: needs a value");
            o = args[i] switch
            {
                "--config" => o with { ConfigPath = Value() },
                "--listen" => o with { Listen = Value() },
                "--data-dir" => o with { DataDirectory = Value() },
                "--speed" => o with { Speed = ParseSpeed(Value()) },
                "--print-samples" => o with { PrintSamples = true },
                "--no-autostart" => o with { NoAutostart = true },
                "--operando" => o with { OperandoPlanPath = Value() },
                "--exit-when-done" => o with { ExitWhenDone = true },
                _ => throw new ArgumentException($"{args[i]}: unknown option"),
            };
        }

        return o.ExitWhenDone && o.OperandoPlanPath is null
            ? throw new ArgumentException("--exit-when-done: needs --operando PLAN (the daemon otherwise serves until Ctrl+C)")
            : o;
    }

    private static double ParseSpeed(string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 1e-3 and <= 1e7
            ? v
            : throw new ArgumentException($"--speed: '{text}' must be a number in 0.001..1e7 (simulated seconds per real second)");
}
