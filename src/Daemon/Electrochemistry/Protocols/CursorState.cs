using System.Text.Json;
using System.Text.Json.Serialization;

namespace OperandoRig.Daemon.Electrochemistry.Protocols;

/// <summary>The capacities one completed cycle passed.</summary>
/// <param name="Cycle">1-based cycle number.</param>
/// <param name="ChargeAh">Charge passed into the cell, Ah.</param>
/// <param name="DischargeAh">Charge taken out of the cell, Ah (positive).</param>
public sealed record CycleCapacity(int Cycle, double ChargeAh, double DischargeAh);

/// <summary>
/// Everything a <see cref="ProtocolCursor"/> knows, as plain data: where the program is, loop, group and goto
/// counters, elapsed step time and the cycle capacities. Serialise it (<see cref="ToJson"/>) into the journal at
/// every step end; <see cref="ProtocolCursor.Restore"/> continues from it after a restart.
/// </summary>
public sealed record CursorState
{
    /// <summary>Index of the next instruction of the lowered program.</summary>
    public int Pc { get; init; }

    /// <summary>True when the protocol has ended.</summary>
    public bool Finished { get; init; }

    /// <summary>Why it ended (empty while running; <c>completed</c> at the end of the program).</summary>
    public string FinishReason { get; init; } = "";

    /// <summary>Sum of the durations of the steps ended so far, s (reloads and pauses not counted).</summary>
    public double ElapsedS { get; init; }

    /// <summary>The present cycle number, 1-based.</summary>
    public int Cycle { get; init; } = 1;

    /// <summary>Charge passed into the cell in the present cycle so far, Ah.</summary>
    public double CycleChargeAh { get; init; }

    /// <summary>Charge taken out of the cell in the present cycle so far, Ah (positive).</summary>
    public double CycleDischargeAh { get; init; }

    /// <summary>The completed cycles' capacities, oldest first.</summary>
    public IReadOnlyList<CycleCapacity> CompletedCycles { get; init; } = [];

    /// <summary>Iterations completed per loop (by loop id) in its present run.</summary>
    public IReadOnlyList<int> LoopIterations { get; init; } = [];

    /// <summary>When each loop was last entered, s of <see cref="ElapsedS"/>.</summary>
    public IReadOnlyList<double> LoopEnteredAtS { get; init; } = [];

    /// <summary>When each group was last entered, s of <see cref="ElapsedS"/>.</summary>
    public IReadOnlyList<double> GroupEnteredAtS { get; init; } = [];

    /// <summary>How often each goto was taken.</summary>
    public IReadOnlyList<int> GotoTaken { get; init; } = [];

    /// <summary>Per step definition: the termination quantity (as int) that last ended it, −1 when none is known.</summary>
    public IReadOnlyList<int> LastEndQuantity { get; init; } = [];

    /// <summary>The voltage at the end of the last step, V (NaN before the first).</summary>
    public double LastEndVoltageV { get; init; } = double.NaN;

    /// <summary>Steps ended so far.</summary>
    public int StepsRun { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The state as JSON, for the journal.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    public static CursorState FromJson(string json) =>
        JsonSerializer.Deserialize<CursorState>(json, Json) ?? throw new JsonException("the cursor state is empty");
}
