using System.Collections;
using System.Text;

namespace OperandoRig.Protocol.Grpc;

/// <summary>
/// Headers or trailers of a call: an ordered list of key/value entries. Keys are lower case ASCII;
/// keys ending in <c>-bin</c> carry binary values (base64 on the wire), all others ASCII text.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    /// <summary>Suffix of keys whose values are binary.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    /// <summary>An empty, read-only instance.</summary>
    public static Metadata Empty { get; } = new Metadata().Freeze();

    public int Count => _entries.Count;

    public bool IsReadOnly => _readOnly;

    public Entry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] valueBytes)
    {
        Add(new Entry(key, valueBytes));
        return this;
    }

    public void Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfReadOnly();
        _entries.Add(entry);
    }

    /// <summary>The last entry with the key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, normalized, StringComparison.Ordinal))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <summary>The text value of the last entry with the key, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The binary value of the last entry with the key, or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        return _entries.Where(e => string.Equals(e.Key, normalized, StringComparison.Ordinal));
    }

    public bool Remove(Entry entry)
    {
        ThrowIfReadOnly();
        return _entries.Remove(entry);
    }

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal Metadata Freeze()
    {
        _readOnly = true;
        return this;
    }

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("Metadata is read-only.");
        }
    }

    /// <summary>One metadata entry.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key);
            if (IsBinary)
            {
                throw new ArgumentException($"Key '{Key}' ends in '{BinaryHeaderSuffix}' and needs a binary value.", nameof(key));
            }

            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Value of '{Key}' must be printable ASCII; use a '{BinaryHeaderSuffix}' key for other data.", nameof(value));
                }
            }

            _value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = NormalizeKey(key);
            if (!IsBinary)
            {
                throw new ArgumentException($"Key '{Key}' must end in '{BinaryHeaderSuffix}' to carry a binary value.", nameof(key));
            }

            _valueBytes = (byte[])valueBytes.Clone();
        }

        public string Key { get; }

        public bool IsBinary => Key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        /// <summary>The text value; for a binary entry, its bytes read as UTF-8 would be meaningless, so this throws.</summary>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary; use ValueBytes.");

        public byte[] ValueBytes => _valueBytes is not null ? (byte[])_valueBytes.Clone() : Encoding.ASCII.GetBytes(_value!);

        public override string ToString() => IsBinary ? $"[Entry: key={Key}, valueBytes={_valueBytes!.Length} bytes]" : $"[Entry: key={Key}, value={_value}]";

        internal static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
                if (!ok)
                {
                    throw new ArgumentException($"Metadata key '{key}' contains '{c}'; only a-z, 0-9, '-', '_' and '.' are allowed.", nameof(key));
                }
            }

            return normalized;
        }
    }
}
