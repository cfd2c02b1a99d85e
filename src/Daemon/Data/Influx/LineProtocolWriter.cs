using System.Globalization;
using System.Text;

namespace OperandoRig.Daemon.Data.Influx;

/// <summary>
/// Builds line-protocol text point by point:
/// <c>measurement[,tag=value…] field=value[,field=value…] [timestamp]\n</c>.
/// Call <see cref="StartPoint"/>, then <see cref="Tag"/> (any number), then <c>Field</c> (at least one kept), then
/// <see cref="EndPoint"/>. Escaping follows <see cref="LineProtocolEscaper"/>.
/// </summary>
/// <remarks>
/// <para>Floats are written in the invariant culture with the shortest text that round-trips (<c>R</c>), so the
/// server parses back the same double. Integers get the <c>i</c> suffix, booleans are <c>true</c>/<c>false</c>.</para>
/// <para>NaN and ±Infinity have no line-protocol form: such a field is omitted (counted in
/// <see cref="OmittedFields"/>); a point left without any field is dropped (counted in <see cref="SkippedPoints"/>),
/// as is a point whose timestamp could not be computed. A tag with a null or empty value is omitted (line protocol
/// forbids empty tag values). Tags are written in the order given; give them sorted by key, as the docs advise.</para>
/// </remarks>
public sealed class LineProtocolWriter
{
    private readonly StringBuilder _text = new();
    private int _pointStart;
    private int _fieldsInPoint;
    private bool _inPoint;

    /// <summary>Points written so far.</summary>
    public int PointCount { get; private set; }

    /// <summary>Points dropped because no representable field was left (or no timestamp).</summary>
    public int SkippedPoints { get; private set; }

    /// <summary>Float fields omitted because their value was NaN or infinite.</summary>
    public int OmittedFields { get; private set; }

    /// <summary>Characters written so far (complete points only, once a point has ended).</summary>
    public int Length => _text.Length;

    /// <summary>Starts a point.</summary>
    /// <param name="measurement">Measurement name; must not be empty.</param>
    /// <exception cref="InvalidOperationException">The previous point was not ended.</exception>
    public LineProtocolWriter StartPoint(string measurement)
    {
        ArgumentException.ThrowIfNullOrEmpty(measurement);
        if (_inPoint)
        {
            throw new InvalidOperationException("the previous point was not ended; call EndPoint first");
        }

        if (IsEmptyWhenWritten(measurement))
        {
            throw new ArgumentException("the measurement name has no writable character", nameof(measurement));
        }

        _inPoint = true;
        _pointStart = _text.Length;
        _fieldsInPoint = 0;
        LineProtocolEscaper.AppendMeasurement(_text, measurement);
        return this;
    }

    /// <summary>Adds a tag; a null or empty value omits the tag.</summary>
    /// <exception cref="InvalidOperationException">No point is started, or a field was already added.</exception>
    public LineProtocolWriter Tag(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_inPoint || _fieldsInPoint > 0)
        {
            throw new InvalidOperationException("tags go after StartPoint and before the first field");
        }

        if (string.IsNullOrEmpty(value) || IsEmptyWhenWritten(value))
        {
            return this;
        }

        _text.Append(',');
        LineProtocolEscaper.AppendKey(_text, key);
        _text.Append('=');
        LineProtocolEscaper.AppendKey(_text, value);
        return this;
    }

    /// <summary>Adds a float field; NaN and ±Infinity are omitted and counted.</summary>
    public LineProtocolWriter Field(string key, double value)
    {
        if (!double.IsFinite(value))
        {
            BeginField(key, omitted: true);
            OmittedFields++;
            return this;
        }

        BeginField(key, omitted: false);
        _text.Append(value.ToString("R", CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Adds a signed 64-bit integer field (<c>123i</c>).</summary>
    public LineProtocolWriter Field(string key, long value)
    {
        BeginField(key, omitted: false);
        _text.Append(value.ToString(CultureInfo.InvariantCulture)).Append('i');
        return this;
    }

    /// <summary>Adds a boolean field (<c>true</c>/<c>false</c>).</summary>
    public LineProtocolWriter Field(string key, bool value)
    {
        BeginField(key, omitted: false);
        _text.Append(value ? "true" : "false");
        return this;
    }

    /// <summary>Adds a string field (quoted, with <c>"</c> and <c>\</c> escaped).</summary>
    public LineProtocolWriter Field(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        BeginField(key, omitted: false);
        LineProtocolEscaper.AppendStringValue(_text, value);
        return this;
    }

    /// <summary>Ends the point with a timestamp in the request's precision (or none: the server's time).</summary>
    /// <returns><see langword="true"/> if the point was written; <see langword="false"/> if it had no field left and was dropped.</returns>
    public bool EndPoint(long? timestamp)
    {
        if (!_inPoint)
        {
            throw new InvalidOperationException("no point is started");
        }

        _inPoint = false;
        if (_fieldsInPoint == 0)
        {
            DropPoint();
            return false;
        }

        if (timestamp is { } t)
        {
            _text.Append(' ').Append(t.ToString(CultureInfo.InvariantCulture));
        }

        _text.Append('\n');
        PointCount++;
        return true;
    }

    /// <summary>Abandons the started point (nothing of it is kept) and counts it as skipped.</summary>
    public void DropPoint()
    {
        _text.Length = _pointStart;
        _inPoint = false;
        SkippedPoints++;
    }

    /// <summary>Forgets everything written and resets the counters.</summary>
    public void Clear()
    {
        _text.Clear();
        _inPoint = false;
        PointCount = 0;
        SkippedPoints = 0;
        OmittedFields = 0;
    }

    /// <summary>The text of the complete points, one per line, each ending in <c>\n</c>.</summary>
    public override string ToString() => _inPoint ? _text.ToString(0, _pointStart) : _text.ToString();

    /// <summary>The text of the complete points as UTF-8.</summary>
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(ToString());

    private void BeginField(string key, bool omitted)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_inPoint)
        {
            throw new InvalidOperationException("no point is started");
        }

        if (IsEmptyWhenWritten(key))
        {
            throw new ArgumentException("the field key has no writable character", nameof(key));
        }

        if (omitted)
        {
            return;
        }

        _text.Append(_fieldsInPoint == 0 ? ' ' : ',');
        LineProtocolEscaper.AppendKey(_text, key);
        _text.Append('=');
        _fieldsInPoint++;
    }

    private static bool IsEmptyWhenWritten(string name) => name.AsSpan().TrimEnd('\\').IsEmpty;
}
