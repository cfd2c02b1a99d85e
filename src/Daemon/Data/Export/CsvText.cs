using System.Globalization;

namespace OperandoRig.Daemon.Data.Export;

/// <summary>Invariant-culture CSV cells: round-trip numbers, quoted text only where RFC 4180 needs it.</summary>
internal static class CsvText
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
