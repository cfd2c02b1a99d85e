using System.Globalization;
using Microsoft.Data.Sqlite;
using OperandoRig.Daemon.Data;
using OperandoRig.Drivers.Abstractions.Potentiostat;

namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>
/// The runner journal in the store (table <c>runner_journal</c>): appended at every step transition and state
/// change, durable when <see cref="AppendAsync"/> returns, read back by run or as a channel's latest entry.
/// </summary>
public sealed class RunJournal(SqliteStore store)
{
    private const string Columns = """
        channel_id, run_id, entry_no, time_unix_s, kind, state, step_index, step_label, step_number, cycle, sample_count,
        step_charge_ah, step_discharge_ah, step_charge_wh, step_discharge_wh,
        cycle_charge_ah, cycle_discharge_ah, cycle_charge_wh, cycle_discharge_wh,
        total_charge_ah, total_discharge_ah, total_charge_wh, total_discharge_wh,
        last_sample_time_unix_s, set_kind, set_current_a, set_voltage_v, hold_policy, cursor
        """;

    /// <summary>Writes <paramref name="entry"/>; when this returns it survives a crash.</summary>
    public Task AppendAsync(RunJournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return store.WriteAsync(async (conn, tx, ct) =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT INTO runner_journal({Columns}) VALUES ({string.Join(", ", Enumerable.Range(0, 29).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            var c = entry.Counters;
            object?[] values =
            [
                entry.ChannelId, entry.RunId, entry.EntryNumber, entry.TimeUnixS, entry.Kind, entry.State.ToString(), entry.StepIndex, entry.StepLabel,
                c.StepNumber, c.Cycle, c.SampleCount,
                c.Step.ChargeAh, c.Step.DischargeAh, c.Step.ChargeWh, c.Step.DischargeWh,
                c.CycleTally.ChargeAh, c.CycleTally.DischargeAh, c.CycleTally.ChargeWh, c.CycleTally.DischargeWh,
                c.Total.ChargeAh, c.Total.DischargeAh, c.Total.ChargeWh, c.Total.DischargeWh,
                double.IsFinite(c.LastSampleTimeUnixS) ? c.LastSampleTimeUnixS : null,
                entry.SetKind.ToString(), entry.SetCurrentA, entry.SetVoltageV, entry.Hold?.ToString(), entry.Cursor,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                cmd.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
            }

            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>A run's entries in order.</summary>
    public async Task<IReadOnlyList<RunJournalEntry>> ReadRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var conn = await store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM runner_journal WHERE run_id = $r ORDER BY entry_no";
        cmd.Parameters.AddWithValue("$r", runId);
        return await ReadAllAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest entry of a channel (of its last run), or null when the channel has none.</summary>
    public async Task<RunJournalEntry?> ReadLatestAsync(string channelId, CancellationToken cancellationToken)
    {
        await using var conn = await store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM runner_journal WHERE channel_id = $c ORDER BY time_unix_s DESC, entry_no DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$c", channelId);
        var all = await ReadAllAsync(cmd, cancellationToken).ConfigureAwait(false);
        return all.Count == 0 ? null : all[0];
    }

    private static async Task<IReadOnlyList<RunJournalEntry>> ReadAllAsync(SqliteCommand cmd, CancellationToken cancellationToken)
    {
        var result = new List<RunJournalEntry>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ChargeTally Tally(int at) => new(r.GetDouble(at), r.GetDouble(at + 1), r.GetDouble(at + 2), r.GetDouble(at + 3));
            var counters = new RunCountersSnapshot(
                Cycle: r.GetInt32(9), StepIndex: r.GetInt32(6), StepNumber: r.GetInt64(8), SampleCount: r.GetInt64(10),
                Step: Tally(11), CycleTally: Tally(15), Total: Tally(19), LastSampleTimeUnixS: r.IsDBNull(23) ? double.NaN : r.GetDouble(23));
            result.Add(new RunJournalEntry(
                r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetString(4), Enum.Parse<RunState>(r.GetString(5)),
                r.GetInt32(6), r.GetString(7), counters, Enum.Parse<StepKind>(r.GetString(24)), r.GetDouble(25), r.GetDouble(26),
                r.IsDBNull(27) ? null : Enum.Parse<HoldPolicy>(r.GetString(27)), r.IsDBNull(28) ? null : r.GetString(28)));
        }

        return result;
    }
}
