using System.Buffers;
using System.Text;

namespace OperandoRig.Daemon.Data.Influx;

/// <summary>
/// Escaping of line-protocol elements (InfluxDB line protocol reference, "Special characters").
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Measurement: comma and space are escaped with a backslash.</item>
/// <item>Tag keys, tag values, field keys: comma, equals sign and space are escaped.</item>
/// <item>String field values (inside double quotes): double quote and backslash are escaped.</item>
/// <item>Line feed and carriage return cannot appear in any element (a line ends there); each is written as a
/// space (escaped where spaces are).</item>
/// <item>Backslashes in names and tag values: InfluxDB 1.x/2.x keep a backslash literally unless it precedes an
/// escapable character, while VictoriaMetrics also reads <c>\\</c> as one backslash; no encoding reads back alike
/// on both. So a backslash followed by an ordinary character is written as is (read back unchanged by both); a
/// backslash directly before a character that is escaped is doubled (<c>a\,b</c> becomes <c>a\\\,b</c>, which
/// both parse; InfluxDB 1.x then stores <c>a\\,b</c>); a trailing backslash is dropped, because InfluxDB 1.x/2.x
/// read the delimiter after it as escaped and reject or garble the line.</item>
/// <item>Non-ASCII text is written as is; the body is UTF-8.</item>
/// </list>
/// </remarks>
internal static class LineProtocolEscaper
{
    /// <summary>Appends a measurement name.</summary>
    public static void AppendMeasurement(StringBuilder sb, string value) => AppendName(sb, value, escapeEquals: false);

    /// <summary>Appends a tag key, tag value or field key.</summary>
    public static void AppendKey(StringBuilder sb, string value) => AppendName(sb, value, escapeEquals: true);

    /// <summary>Appends a string field value with its enclosing double quotes.</summary>
    public static void AppendStringValue(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"' or '\\':
                    sb.Append('\\').Append(c);
                    break;
                case '\n' or '\r':
                    sb.Append(' ');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>Characters that make a name need the careful path below (anything else is written as is).</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(",= \n\r\\");

    /// <summary>
    /// Whether <paramref name="value"/> has a character the name rules act on (comma, equals sign, space, line break,
    /// backslash); a name without any is written as is.
    /// </summary>
    public static bool NeedsCare(string value) => value.AsSpan().ContainsAny(Special);

    private static void AppendName(StringBuilder sb, string value, bool escapeEquals)
    {
        if (!NeedsCare(value))
        {
            sb.Append(value); // the common case: nothing to escape or drop
            return;
        }

        var end = value.Length;
        while (end > 0 && value[end - 1] == '\\')
        {
            end--; // trailing backslashes: no safe encoding (see remarks)
        }

        for (var i = 0; i < end; i++)
        {
            var c = value[i];
            if (c is '\n' or '\r')
            {
                c = ' ';
            }

            if (NeedsEscape(c, escapeEquals))
            {
                sb.Append('\\').Append(c);
            }
            else if (c == '\\' && i + 1 < end && NeedsEscape(value[i + 1], escapeEquals))
            {
                sb.Append(@"\\");
            }
            else
            {
                sb.Append(c);
            }
        }
    }

    private static bool NeedsEscape(char c, bool escapeEquals) =>
        c is ',' or ' ' or '\n' or '\r' || (escapeEquals && c == '=');
}
