using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Tests.Data.Export;

/// <summary>A temporary store holding small, hand-checkable runs.</summary>
internal sealed class ExportTestData : IAsyncDisposable
{
    public const string RunId = "run-export-1";
    public const string EmptyRunId = "run-export-empty";
    public const string ChannelId = "ch1";
    public const double StartS = 1_700_000_000.0;

    private readonly string _dir;

    private ExportTestData(string dir, SqliteStore store)
    {
        _dir = dir;
        Store = store;
    }

    public SqliteStore Store { get; }

    /// <summary>
    /// Step 1 (cycle 1, "cc charge"): +1 A at t = 0, 10, 20 s → 20 A·s charge.
    /// Step 2 (cycle 1, "cc discharge"): -2 A at t = 30, 40 s → 20 A·s discharge (no integration across 20 → 30 s).
    /// Step 3 (cycle 1, "ramp"): +1 A at 50 s to -1 A at 60 s → 2.5 A·s charge then 2.5 A·s discharge (triangles).
    /// </summary>
    public static IReadOnlyList<SampleRecord> Samples { get; } =
    [
        new(1, RunId, ChannelId, StartS + 0, 3.60, 1.0, 0.0, 1, "cc charge", 1, 0, 25),
        new(2, RunId, ChannelId, StartS + 10, 3.70, 1.0, 10.0 / 3600, 1, "cc charge", 1, 10, 25.5),
        new(3, RunId, ChannelId, StartS + 20, 3.80, 1.0, 20.0 / 3600, 1, "cc charge", 1, 20, 26),
        new(4, RunId, ChannelId, StartS + 30, 3.50, -2.0, 20.0 / 3600, 2, "cc discharge", 1, 0, 26.25),
        new(5, RunId, ChannelId, StartS + 40, 3.40, -2.0, 0.0, 2, "cc discharge", 1, 10, 26.5),
        new(6, RunId, ChannelId, StartS + 50, 3.45, 1.0, 0.0, 3, "ramp, \"test\"", 1, 0, 26.75),
        new(7, RunId, ChannelId, StartS + 60, 3.45, -1.0, 0.0, 3, "ramp, \"test\"", 1, 10),
    ];

    public static IReadOnlyList<ImpedanceRecord> Points { get; } =
    [
        new(RunId, ChannelId, 4, StartS + 70, 1000.0, 0.05, -0.01),
        new(RunId, ChannelId, 4, StartS + 71, 100.0, 0.06, -0.02),
        new(RunId, ChannelId, 4, StartS + 72, 1.0, 0.10, 0.0),
    ];

    /// <summary>The run's event records: two state changes and an operator pause (in the channel's stream).</summary>
    public static IReadOnlyList<EventRecord> Events { get; } =
    [
        new(1, RunId, "ch1/events", StartS, "state.changed", "Idle -> Running: started", """{"from":"Idle","reason":"started","to":"Running"}"""),
        new(2, RunId, "ch1/events", StartS + 25, "operator.pause", "pause (OpenCircuit): beam \"refill\"", """{"action":"pause","hold":"OpenCircuit"}"""),
        new(3, RunId, "ch1/events", StartS + 72, "state.changed", "Running -> Finished: completed", """{"from":"Running","reason":"completed","to":"Finished"}"""),
    ];

    public static async Task<ExportTestData> CreateAsync(CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "operandorig-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var store = await SqliteStore.OpenAsync(Path.Combine(dir, "store.db"), ct);
        await store.AddRunAsync(RunId, ChannelId, "cc-cycling", StartS, ct);
        await store.AddRunAsync(EmptyRunId, ChannelId, "never-sampled", StartS + 1000, ct);
        await store.AppendSamplesAsync(Samples, ct);
        await store.AppendImpedanceAsync(Points, ct);
        await store.AppendEventsAsync(Events, ct);
        return new ExportTestData(dir, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
