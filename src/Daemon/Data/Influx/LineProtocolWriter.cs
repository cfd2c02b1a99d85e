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
/// <para>The text is kept as UTF-8 bytes from the start (numbers formatted straight into the buffer), so a batch
/// of thousands of points costs no intermediate strings.</para>
/// <para>Floats are written in the invariant culture with the shortest text that round-trips (<c>R</c>), so the
/// server parses back the same double. Integers get the <c>i</c> suffix, booleans are <c>true</c>/<c>false</c>.</para>
/// <para>NaN and ±Infinity have no line-protocol form: such a field is omitted (counted in
/// <see cref="OmittedFields"/>); a point left without any field is dropped (counted in <see cref="SkippedPoints"/>),
/// as is a point whose timestamp could not be computed. A tag with a null or empty value is omitted (line protocol
/// forbids empty tag values). Tags are written in the order given; give them sorted by key, as the docs advise.</para>
/// </remarks>
public sealed class LineProtocolWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private readonly StringBuilder _escape = new();
    private byte[] _buffer = new byte[4096];
    private int _length;
    private int _pointStart;
    private int _fieldsInPoint;
    private bool _inPoint;

    /// <summary>Points written so far.</summary>
    public int PointCount { get; private set; }

    /// <summary>Points dropped because no representable field was left (or no timestamp).</summary>
    public int SkippedPoints { get; private set; }

    /// <summary>Float fields omitted because their value was NaN or infinite.</summary>
    public int OmittedFields { get; private set; }

    /// <summary>UTF-8 bytes written so far (complete points only, once a point has ended).</summary>
    public int Length => _length;

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
        _pointStart = _length;
        _fieldsInPoint = 0;
        AppendName(measurement, escapeEquals: false);
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

        AppendByte((byte)',');
        AppendName(key, escapeEquals: true);
        AppendByte((byte)'=');
        AppendName(value, escapeEquals: true);
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
        int written;
        while (!value.TryFormat(_buffer.AsSpan(_length), out written, "R", CultureInfo.InvariantCulture))
        {
            Grow(64);
        }

        _length += written;
        return this;
    }

    /// <summary>Adds a signed 64-bit integer field (<c>123i</c>).</summary>
    public LineProtocolWriter Field(string key, long value)
    {
        BeginField(key, omitted: false);
        AppendInteger(value);
        AppendByte((byte)'i');
        return this;
    }

    /// <summary>Adds a boolean field (<c>true</c>/<c>false</c>).</summary>
    public LineProtocolWriter Field(string key, bool value)
    {
        BeginField(key, omitted: false);
        AppendAscii(value ? "true"u8 : "false"u8);
        return this;
    }

    /// <summary>Adds a string field (quoted, with <c>"</c> and <c>\</c> escaped).</summary>
    public LineProtocolWriter Field(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        BeginField(key, omitted: false);
        _escape.Clear();
        LineProtocolEscaper.AppendStringValue(_escape, value);
        AppendText(_escape);
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
            AppendByte((byte)' ');
            AppendInteger(t);
        }

        AppendByte((byte)'\n');
        PointCount++;
        return true;
    }

    /// <summary>Abandons the started point (nothing of it is kept) and counts it as skipped.</summary>
    public void DropPoint()
    {
        _length = _pointStart;
        _inPoint = false;
        SkippedPoints++;
    }

    /// <summary>Forgets everything written and resets the counters.</summary>
    public void Clear()
    {
        _length = 0;
        _pointStart = 0;
        _inPoint = false;
        PointCount = 0;
        SkippedPoints = 0;
        OmittedFields = 0;
    }

    /// <summary>The text of the complete points, one per line, each ending in <c>\n</c>.</summary>
    public override string ToString() => Utf8.GetString(Complete);

    /// <summary>The text of the complete points as UTF-8.</summary>
    public byte[] ToUtf8() => Complete.ToArray();

    /// <summary>The complete points' UTF-8 bytes, valid until the next write.</summary>
    public ReadOnlySpan<byte> Complete => _buffer.AsSpan(0, _inPoint ? _pointStart : _length);

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

        AppendByte(_fieldsInPoint == 0 ? (byte)' ' : (byte)',');
        AppendName(key, escapeEquals: true);
        AppendByte((byte)'=');
        _fieldsInPoint++;
    }

    private void AppendName(string name, bool escapeEquals)
    {
        if (!LineProtocolEscaper.NeedsCare(name))
        {
            AppendText(name);
            return;
        }

        _escape.Clear();
        if (escapeEquals)
        {
            LineProtocolEscaper.AppendKey(_escape, name);
        }
        else
        {
            LineProtocolEscaper.AppendMeasurement(_escape, name);
        }

        AppendText(_escape);
    }

    private void AppendText(string text)
    {
        Ensure(Utf8.GetMaxByteCount(text.Length));
        _length += Utf8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void AppendText(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            Ensure(Utf8.GetMaxByteCount(chunk.Length));
            _length += Utf8.GetBytes(chunk.Span, _buffer.AsSpan(_length));
        }
    }

    private void AppendAscii(ReadOnlySpan<byte> ascii)
    {
        Ensure(ascii.Length);
        ascii.CopyTo(_buffer.AsSpan(_length));
        _length += ascii.Length;
    }

    private void AppendInteger(long value)
    {
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    private void AppendByte(byte b)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = b;
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Grow(bytes);
        }
    }

    private void Grow(int atLeast) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + atLeast));

    private static bool IsEmptyWhenWritten(string name) => name.AsSpan().TrimEnd('\\').IsEmpty;
}
