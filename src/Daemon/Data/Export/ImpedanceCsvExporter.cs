using System.Text;

namespace OperandoRig.Daemon.Data.Export;

/// <summary>
/// Writes a run's impedance points as CSV, one row per point in stored (time) order, invariant culture, "\n" line ends.
/// Columns follow the BDF "Quantity / Unit" style (BDF itself has no impedance table yet):
/// Z = Re + j·Im, |Z| = √(Re² + Im²), phase = atan2(Im, Re) in degrees.
/// A run without points gives the header only; an unknown run is a <see cref="RunNotFoundException"/>.
/// </summary>
public static class ImpedanceCsvExporter
{
    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Frequency / Hz", "Z Real / Ohm", "Z Imaginary / Ohm", "Z Modulus / Ohm", "Z Phase / deg", "Step Index / 1", "Test Time / s", "Unix Time / s",
    ];

    /// <summary>Exports the stored run <paramref name="runId"/>'s points to <paramref name="writer"/>; returns the number of data rows.</summary>
    public static async Task<long> ExportAsync(SqliteStore store, string runId, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = await StoredRunReader.ReadRunAsync(store, runId, cancellationToken).ConfigureAwait(false);
        var points = await store.ReadImpedanceAsync(runId, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(run, points, writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="points"/> of <paramref name="run"/>; returns the number of data rows.</summary>
    public static async Task<long> WriteAsync(StoredRun run, IEnumerable<ImpedanceRecord> points, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync((string.Join(',', Columns) + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
        var line = new StringBuilder(160);
        long rows = 0;
        foreach (var p in points)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear()
                .Append(CsvText.Number(p.FrequencyHz)).Append(',')
                .Append(CsvText.Number(p.RealOhm)).Append(',')
                .Append(CsvText.Number(p.ImaginaryOhm)).Append(',')
                .Append(CsvText.Number(Modulus(p))).Append(',')
                .Append(CsvText.Number(PhaseDegrees(p))).Append(',')
                .Append(CsvText.Integer(p.StepIndex)).Append(',')
                .Append(CsvText.Number(p.TimeUnixS - run.StartedUnixS)).Append(',')
                .Append(CsvText.Number(p.TimeUnixS)).Append('\n');
            await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            rows++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>|Z| in ohms.</summary>
    public static double Modulus(ImpedanceRecord point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Math.Sqrt((point.RealOhm * point.RealOhm) + (point.ImaginaryOhm * point.ImaginaryOhm));
    }

    /// <summary>The phase of Z in degrees, atan2(Im, Re).</summary>
    public static double PhaseDegrees(ImpedanceRecord point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Math.Atan2(point.ImaginaryOhm, point.RealOhm) * 180.0 / Math.PI;
    }
}
