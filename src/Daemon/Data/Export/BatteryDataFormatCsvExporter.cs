using System.Text;

namespace OperandoRig.Daemon.Data.Export;

/// <summary>
/// Writes a run's cycling samples as a Battery Data Format CSV (<c>.bdf.csv</c>): one header row of BDF preferred
/// labels (<see cref="BatteryDataFormatColumns.All"/>), then one row per sample in time order, invariant culture,
/// "\n" line ends. Capacities are derived from the samples by <see cref="StepCapacityIntegrator"/>.
/// A run without samples gives a valid file holding only the header; an unknown run is a <see cref="RunNotFoundException"/>.
/// </summary>
public static class BatteryDataFormatCsvExporter
{
    /// <summary>Exports the stored run <paramref name="runId"/> to <paramref name="writer"/>; returns the number of data rows.</summary>
    public static async Task<long> ExportAsync(SqliteStore store, string runId, TextWriter writer, CancellationToken cancellationToken)
    {
        var run = await StoredRunReader.ReadRunAsync(store, runId, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(run, StoredRunReader.ReadSamplesAsync(store, run, cancellationToken), writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="samples"/> (time order) of <paramref name="run"/>; returns the number of data rows.</summary>
    public static async Task<long> WriteAsync(StoredRun run, IAsyncEnumerable<SampleRecord> samples, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(string.Join(',', BatteryDataFormatColumns.All).AsMemory(), cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);

        var integrator = new StepCapacityIntegrator();
        var line = new StringBuilder(192);
        long rows = 0;
        await foreach (var s in samples.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            integrator.Add(s);
            line.Clear()
                .Append(CsvText.Number(s.TimeUnixS - run.StartedUnixS)).Append(',')
                .Append(CsvText.Number(s.TimeUnixS)).Append(',')
                .Append(CsvText.Number(s.VoltageV)).Append(',')
                .Append(CsvText.Number(s.CurrentA)).Append(',')
                .Append(CsvText.Integer(s.Cycle)).Append(',')
                .Append(CsvText.Integer(integrator.StepCount)).Append(',')
                .Append(CsvText.Integer(s.StepIndex)).Append(',')
                .Append(CsvText.Number(s.StepTimeS)).Append(',')
                .Append(CsvText.Number(integrator.ChargingAh)).Append(',')
                .Append(CsvText.Number(integrator.DischargingAh)).Append(',')
                .Append(CsvText.Number(integrator.StepChargingAh + integrator.StepDischargingAh)).Append(',')
                .Append(CsvText.Number(integrator.ChargingAh - integrator.DischargingAh)).Append(',')
                .Append(double.IsFinite(s.TemperatureC) ? CsvText.Number(s.TemperatureC) : "").Append('\n'); // no sensor: empty cell
            await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            rows++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }
}
