using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OperandoRig.Daemon.Data;

/// <summary>The store's versioned schema: each migration brings a file from version N-1 to N.</summary>
internal static class StoreSchema
{
    private static readonly string[] Migrations =
    [
        // 1: runs and potentiostat samples; (channel_id, seq) is the stream's identity.
        """
        CREATE TABLE runs(
            run_id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, protocol TEXT NOT NULL, started_unix_s REAL NOT NULL);
        CREATE TABLE samples(
            channel_id TEXT NOT NULL, seq INTEGER NOT NULL, run_id TEXT NOT NULL, time_unix_s REAL NOT NULL,
            voltage_v REAL NOT NULL, current_a REAL NOT NULL, charge_ah REAL NOT NULL, step_index INTEGER NOT NULL,
            step_label TEXT NOT NULL, cycle INTEGER NOT NULL, step_time_s REAL NOT NULL,
            PRIMARY KEY(channel_id, seq)) WITHOUT ROWID;
        CREATE INDEX samples_by_run ON samples(run_id, time_unix_s);
        """,

        // 2: impedance points of EIS steps, with the step they belong to.
        """
        CREATE TABLE impedance_points(
            run_id TEXT NOT NULL, channel_id TEXT NOT NULL, step_index INTEGER NOT NULL, time_unix_s REAL NOT NULL,
            frequency_hz REAL NOT NULL, z_real_ohm REAL NOT NULL, z_imag_ohm REAL NOT NULL);
        CREATE INDEX impedance_by_run ON impedance_points(run_id, step_index, time_unix_s);
        """,

        // 3 (runner): how each run ended; the runner's journal, one row per step transition and state change, so a
        // restarted daemon can continue a run.
        """
        CREATE TABLE run_ends(
            run_id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, ended_unix_s REAL NOT NULL, end_state TEXT NOT NULL,
            exit_status TEXT NOT NULL, reason TEXT NOT NULL);
        CREATE TABLE runner_journal(
            run_id TEXT NOT NULL, entry_no INTEGER NOT NULL, channel_id TEXT NOT NULL, time_unix_s REAL NOT NULL,
            kind TEXT NOT NULL, state TEXT NOT NULL, step_index INTEGER NOT NULL, step_label TEXT NOT NULL,
            step_number INTEGER NOT NULL, cycle INTEGER NOT NULL, sample_count INTEGER NOT NULL,
            step_charge_ah REAL NOT NULL, step_discharge_ah REAL NOT NULL, step_charge_wh REAL NOT NULL, step_discharge_wh REAL NOT NULL,
            cycle_charge_ah REAL NOT NULL, cycle_discharge_ah REAL NOT NULL, cycle_charge_wh REAL NOT NULL, cycle_discharge_wh REAL NOT NULL,
            total_charge_ah REAL NOT NULL, total_discharge_ah REAL NOT NULL, total_charge_wh REAL NOT NULL, total_discharge_wh REAL NOT NULL,
            last_sample_time_unix_s REAL, set_kind TEXT NOT NULL, set_current_a REAL NOT NULL, set_voltage_v REAL NOT NULL,
            hold_policy TEXT, cursor TEXT,
            PRIMARY KEY(run_id, entry_no)) WITHOUT ROWID;
        CREATE INDEX runner_journal_by_channel ON runner_journal(channel_id, time_unix_s);
        """,

        // 4 (beamline): scan points (stream + seq, tagged with the cell state) and one summary row per scan with its
        // dead-time breakdown and the dose booked per spot.
        """
        CREATE TABLE scan_points(
            stream TEXT NOT NULL, seq INTEGER NOT NULL, scan_id TEXT NOT NULL, run_id TEXT NOT NULL, point_index INTEGER NOT NULL,
            sweep INTEGER NOT NULL, spot TEXT NOT NULL, time_unix_s REAL NOT NULL, energy_ev REAL NOT NULL, positions_mm TEXT NOT NULL,
            counts TEXT NOT NULL, i0 REAL, count_time_s REAL NOT NULL, dead_time_s REAL NOT NULL, dose_gy REAL NOT NULL, ring_current_ma REAL,
            tag_channel_id TEXT, tag_voltage_v REAL, tag_current_a REAL, tag_charge_ah REAL, tag_soc REAL, tag_cycle INTEGER,
            tag_step_index INTEGER, tag_step_label TEXT,
            PRIMARY KEY(stream, seq)) WITHOUT ROWID;
        CREATE INDEX scan_points_by_scan ON scan_points(scan_id, seq);
        CREATE TABLE scans(
            scan_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, plan TEXT NOT NULL, started_unix_s REAL NOT NULL, ended_unix_s REAL NOT NULL,
            end_reason TEXT NOT NULL, message TEXT NOT NULL, points INTEGER NOT NULL, remeasured INTEGER NOT NULL, suspensions INTEGER NOT NULL,
            spot_changes INTEGER NOT NULL, total_s REAL NOT NULL, count_s REAL NOT NULL, moves_s REAL NOT NULL, settle_s REAL NOT NULL,
            readout_s REAL NOT NULL, suspended_s REAL NOT NULL, remeasure_s REAL NOT NULL, overhead_s REAL NOT NULL, spot_dose_gy TEXT NOT NULL);
        """,

        // 5 (data): event records (state changes, faults, operator actions, scan and operando events); (stream, seq) is
        // the stream's identity, fields a JSON object.
        """
        CREATE TABLE events(
            stream TEXT NOT NULL, seq INTEGER NOT NULL, run_id TEXT NOT NULL, time_unix_s REAL NOT NULL, kind TEXT NOT NULL,
            message TEXT NOT NULL, fields TEXT NOT NULL,
            PRIMARY KEY(stream, seq)) WITHOUT ROWID;
        CREATE INDEX events_by_run ON events(run_id, time_unix_s);
        """,

        // 6 (electrochemistry): one row per impedance sweep: the cell state at the sweep's start and end and the
        // equivalent-circuit fit (parameters a JSON array of {Name, Unit, Value, StandardError}); points: impedance_points.
        """
        CREATE TABLE impedance_spectra(
            run_id TEXT NOT NULL, step_index INTEGER NOT NULL, channel_id TEXT NOT NULL, step_label TEXT NOT NULL, cycle INTEGER NOT NULL,
            point_count INTEGER NOT NULL, min_frequency_hz REAL, max_frequency_hz REAL,
            start_time_unix_s REAL NOT NULL, start_voltage_v REAL NOT NULL, start_current_a REAL NOT NULL, start_charge_ah REAL NOT NULL,
            end_time_unix_s REAL NOT NULL, end_voltage_v REAL NOT NULL, end_current_a REAL NOT NULL, end_charge_ah REAL NOT NULL,
            circuit TEXT NOT NULL, fit_status TEXT NOT NULL, fit_good INTEGER NOT NULL, rms_residual REAL, reduced_chi_squared REAL,
            parameters TEXT NOT NULL, fit_message TEXT NOT NULL,
            PRIMARY KEY(run_id, step_index)) WITHOUT ROWID;
        """,
        // 7: the channel's cell temperature reading with each sample, °C (NULL: the channel has no sensor).
        """
        ALTER TABLE samples ADD COLUMN temperature_c REAL;
        """,
    ];

    public static async Task MigrateAsync(SqliteConnection conn, CancellationToken cancellationToken)
    {
        await using (var pragma = conn.CreateCommand())
        {
            pragma.CommandText = "PRAGMA user_version";
            var version = Convert.ToInt32(await pragma.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (version > Migrations.Length)
            {
                throw new InvalidOperationException(
                    $"the data file has schema version {version}, newer than this daemon's {Migrations.Length}; use a newer daemon or another data directory");
            }

            for (var v = version; v < Migrations.Length; v++)
            {
                await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = Migrations[v] + string.Create(CultureInfo.InvariantCulture, $"; PRAGMA user_version = {v + 1};");
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
