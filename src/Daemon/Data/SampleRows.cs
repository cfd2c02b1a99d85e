using Microsoft.Data.Sqlite;

namespace OperandoRig.Daemon.Data;

/// <summary>The <c>samples</c> table's columns as read back, and their mapping to <see cref="SampleRecord"/>, in one place.</summary>
internal static class SampleRows
{
    /// <summary>The column list for <c>SELECT {Columns} FROM samples …</c>, in the order <see cref="Read"/> expects.</summary>
    public const string Columns = "seq, run_id, channel_id, time_unix_s, voltage_v, current_a, charge_ah, step_index, step_label, cycle, step_time_s, temperature_c";

    /// <summary>The sample at the reader's current row (selected with <see cref="Columns"/>).</summary>
    public static SampleRecord Read(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5),
        r.GetDouble(6), r.GetInt32(7), r.GetString(8), r.GetInt32(9), r.GetDouble(10), r.IsDBNull(11) ? double.NaN : r.GetDouble(11));
}
