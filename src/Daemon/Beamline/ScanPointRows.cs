using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace OperandoRig.Daemon.Beamline;

/// <summary>The one mapping between <see cref="ScanPointRecord"/> and a <c>scan_points</c> row.</summary>
internal static class ScanPointRows
{
    public const string Columns =
        "stream, seq, scan_id, run_id, point_index, sweep, spot, time_unix_s, energy_ev, positions_mm, counts, i0, count_time_s, dead_time_s, dose_gy, " +
        "ring_current_ma, tag_channel_id, tag_voltage_v, tag_current_a, tag_charge_ah, tag_soc, tag_cycle, tag_step_index, tag_step_label";

    private static readonly string[] Names =
        ["$stream", "$seq", "$scan", "$run", "$pi", "$sw", "$spot", "$t", "$e", "$pos", "$counts", "$i0", "$ct", "$dt", "$dose", "$ring",
         "$tch", "$tv", "$ti", "$tq", "$tsoc", "$tcy", "$tsi", "$tsl"];

    public static SqliteCommand InsertCommand(SqliteConnection conn, SqliteTransaction tx)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO scan_points({Columns}) VALUES ({string.Join(", ", Names)})";
        foreach (var n in Names)
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = n });
        }

        return cmd;
    }

    public static void Bind(SqliteCommand cmd, ScanPointRecord p)
    {
        var v = cmd.Parameters;
        v[0].Value = p.Stream;
        v[1].Value = p.Seq;
        v[2].Value = p.ScanId;
        v[3].Value = p.RunId;
        v[4].Value = p.PointIndex;
        v[5].Value = p.Sweep;
        v[6].Value = p.Spot;
        v[7].Value = p.TimeUnixS;
        v[8].Value = p.EnergyEv;
        v[9].Value = JsonSerializer.Serialize(p.PositionsMm);
        v[10].Value = JsonSerializer.Serialize(p.Counts);
        v[11].Value = p.I0 is { } i0 ? i0 : DBNull.Value;
        v[12].Value = p.CountTimeS;
        v[13].Value = p.DeadTimeS;
        v[14].Value = p.DoseGy;
        v[15].Value = double.IsFinite(p.RingCurrentMa) ? p.RingCurrentMa : DBNull.Value;
        var t = p.Tag;
        v[16].Value = t is null ? DBNull.Value : t.ChannelId;
        v[17].Value = t is null ? DBNull.Value : t.VoltageV;
        v[18].Value = t is null ? DBNull.Value : t.CurrentA;
        v[19].Value = t is null ? DBNull.Value : t.ChargeAh;
        v[20].Value = t is null ? DBNull.Value : t.Soc;
        v[21].Value = t is null ? DBNull.Value : t.Cycle;
        v[22].Value = t is null ? DBNull.Value : t.StepIndex;
        v[23].Value = t is null ? DBNull.Value : t.StepLabel;
    }

    public static ScanPointRecord Read(SqliteDataReader r)
    {
        CellStateTag? tag = r.IsDBNull(16) ? null : new CellStateTag(
            r.GetString(16), r.GetDouble(17), r.GetDouble(18), r.GetDouble(19), r.GetDouble(20), r.GetInt32(21), r.GetInt32(22), r.GetString(23));
        return new ScanPointRecord(
            r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetString(6), r.GetDouble(7), r.GetDouble(8),
            JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(9)) ?? [],
            JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(10)) ?? [],
            r.IsDBNull(11) ? null : r.GetDouble(11), r.GetDouble(12), r.GetDouble(13), r.GetDouble(14),
            r.IsDBNull(15) ? double.NaN : r.GetDouble(15), tag);
    }
}
