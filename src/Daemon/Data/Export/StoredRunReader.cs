using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace OperandoRig.Daemon.Data.Export;

/// <summary>
/// Reads one run for export from the store's file over its own read-only connection (WAL lets it run beside
/// the writer): the run's row and its samples in time order, streamed, never the whole run in memory.
/// </summary>
public static class StoredRunReader
{
    /// <summary>The run's row; <see cref="RunNotFoundException"/> when the store does not hold it.</summary>
    public static async Task<StoredRun> ReadRunAsync(SqliteStore store, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await using var conn = await OpenAsync(store, cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT channel_id, protocol, started_unix_s FROM runs WHERE run_id = $r";
        cmd.Parameters.AddWithValue("$r", runId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new RunNotFoundException(runId);
        }

        return new StoredRun(runId, reader.GetString(0), reader.GetString(1), reader.GetDouble(2));
    }

    /// <summary>The run's samples in time order (then sequence number).</summary>
    public static async IAsyncEnumerable<SampleRecord> ReadSamplesAsync(
        SqliteStore store, StoredRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        await using var conn = await OpenAsync(store, cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {SampleRows.Columns} FROM samples WHERE run_id = $r ORDER BY time_unix_s, seq";
        cmd.Parameters.AddWithValue("$r", run.RunId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return SampleRows.Read(reader);
        }
    }

    private static async Task<SqliteConnection> OpenAsync(SqliteStore store, CancellationToken cancellationToken)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = store.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        var conn = new SqliteConnection(cs);
        try
        {
            await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
