using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using OperandoRig.Daemon.Data;

namespace OperandoRig.Daemon.Electrochemistry.Impedance;

/// <summary>
/// The impedance sweeps of runs in the store (table <c>impedance_spectra</c>): one row per sweep with the cell state at
/// its start and end and its equivalent-circuit fit; durable when <see cref="WriteAsync"/> returns.
/// </summary>
public sealed class ImpedanceSpectrumStore(SqliteStore store)
{
    private const string Columns = """
        run_id, step_index, channel_id, step_label, cycle, point_count, min_frequency_hz, max_frequency_hz,
        start_time_unix_s, start_voltage_v, start_current_a, start_charge_ah,
        end_time_unix_s, end_voltage_v, end_current_a, end_charge_ah,
        circuit, fit_status, fit_good, rms_residual, reduced_chi_squared, parameters, fit_message
        """;

    private const int ColumnCount = 23;

    /// <summary>Standard errors are NaN or infinite when a parameter is not determined: keep them as such.</summary>
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Stores <paramref name="spectrum"/> (replacing a row of the same run and step).</summary>
    public Task WriteAsync(ImpedanceSpectrumRecord spectrum, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        return store.WriteAsync(async (conn, tx, ct) =>
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"INSERT OR REPLACE INTO impedance_spectra({Columns}) VALUES ({string.Join(", ", Enumerable.Range(0, ColumnCount).Select(i => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
            var (a, b) = (spectrum.Start, spectrum.End);
            object?[] values =
            [
                spectrum.RunId, spectrum.StepIndex, spectrum.ChannelId, spectrum.StepLabel, spectrum.Cycle, spectrum.PointCount,
                Finite(spectrum.MinFrequencyHz), Finite(spectrum.MaxFrequencyHz),
                a.TimeUnixS, a.VoltageV, a.CurrentA, a.ChargeAh,
                b.TimeUnixS, b.VoltageV, b.CurrentA, b.ChargeAh,
                spectrum.Circuit, spectrum.FitStatus, spectrum.FitIsGood ? 1 : 0, Finite(spectrum.RmsResidual), Finite(spectrum.ReducedChiSquared),
                JsonSerializer.Serialize(spectrum.Parameters, Json), spectrum.FitMessage,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                cmd.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
            }

            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>A run's sweeps in step order.</summary>
    public async Task<IReadOnlyList<ImpedanceSpectrumRecord>> ReadRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var conn = await store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM impedance_spectra WHERE run_id = $r ORDER BY step_index";
        cmd.Parameters.AddWithValue("$r", runId);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ImpedanceSpectrumRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var cycle = r.GetInt32(4);
            result.Add(new ImpedanceSpectrumRecord(
                r.GetString(0), r.GetString(2), r.GetInt32(1), r.GetString(3), cycle, r.GetInt32(5), Nullable(r, 6), Nullable(r, 7),
                new CellStateAt(r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), cycle),
                new CellStateAt(r.GetDouble(12), r.GetDouble(13), r.GetDouble(14), r.GetDouble(15), cycle),
                r.GetString(16), r.GetString(17), r.GetInt32(18) != 0, Nullable(r, 19), Nullable(r, 20),
                JsonSerializer.Deserialize<List<SpectrumFitParameter>>(r.GetString(21), Json) ?? [], r.GetString(22)));
        }

        return result;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static double Nullable(SqliteDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);
}
