using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Electrochemistry.Runner;

/// <summary>The <c>run_ends</c> table: one row per ended run.</summary>
public sealed class RunEndStore(SqliteStore store)
{
    /// <summary>Records how a run ended (replacing an earlier record of the same run).</summary>
    public Task WriteAsync(RunEndRecord end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(end);
        return store.WriteAsync(async (conn, tx, ct) =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT OR REPLACE INTO run_ends(run_id, channel_id, ended_unix_s, end_state, exit_status, reason)
                VALUES ($r, $c, $t, $s, $x, $why)
                """;
            cmd.Parameters.AddWithValue("$r", end.RunId);
            cmd.Parameters.AddWithValue("$c", end.ChannelId);
            cmd.Parameters.AddWithValue("$t", end.EndedUnixS);
            cmd.Parameters.AddWithValue("$s", end.EndState.ToString());
            cmd.Parameters.AddWithValue("$x", end.ExitStatus);
            cmd.Parameters.AddWithValue("$why", end.Reason);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>How <paramref name="runId"/> ended, or null while it runs (or when unknown).</summary>
    public async Task<RunEndRecord?> ReadAsync(string runId, CancellationToken cancellationToken)
    {
        await using var conn = await store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT channel_id, ended_unix_s, end_state, exit_status, reason FROM run_ends WHERE run_id = $r";
        cmd.Parameters.AddWithValue("$r", runId);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new RunEndRecord(runId, r.GetString(0), r.GetDouble(1), Enum.Parse<RunState>(r.GetString(2)), r.GetString(3), r.GetString(4))
            : null;
    }
}
