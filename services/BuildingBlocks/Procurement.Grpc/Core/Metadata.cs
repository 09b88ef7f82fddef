using System.Collections;

namespace Procurement.Grpc;

/// <summary>
/// Custom metadata of a call (request headers, response headers, trailers). Keys are lower-case
/// [0-9a-z_.-]; keys ending in "-bin" carry bytes (base64 on the wire), other keys printable ASCII.
/// Keys starting with "grpc-" are reserved for the protocol and cannot be added.
/// </summary>
public sealed class Metadata : IReadOnlyList<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;
    public Entry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        key = Entry.NormalizeKey(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
            if (_entries[i].Key == key) return _entries[i];
        return null;
    }

    public IEnumerable<Entry> GetAll(string key)
    {
        key = Entry.NormalizeKey(key);
        return _entries.Where(e => e.Key == key);
    }

    public string? GetValue(string key) => Get(key)?.Value;
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public bool Remove(string key)
    {
        key = Entry.NormalizeKey(key);
        return _entries.RemoveAll(e => e.Key == key) > 0;
    }

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One key and its value: text for ordinary keys, bytes for "-bin" keys.</summary>
    public sealed class Entry
    {
        private readonly string? _text;
        private readonly byte[]? _bytes;

        public Entry(string key, string value)
        {
            Key = ValidateKey(key);
            if (IsBinary) throw new ArgumentException($"Metadata key '{Key}' ends in -bin and takes a byte[] value.", nameof(value));
            ArgumentNullException.ThrowIfNull(value);
            foreach (var c in value)
                if (c < 0x20 || c > 0x7E)
                    throw new ArgumentException($"Metadata value for '{Key}' must be printable ASCII; use a -bin key for other data.", nameof(value));
            _text = value;
        }

        public Entry(string key, byte[] value)
        {
            Key = ValidateKey(key);
            if (!IsBinary) throw new ArgumentException($"Metadata key '{Key}' must end in -bin to carry a byte[] value.", nameof(value));
            _bytes = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>An entry as a peer sent it: the key and value are taken as they are, unvalidated.</summary>
        private Entry(string key, string? text, byte[]? bytes)
        {
            Key = key;
            _text = text;
            _bytes = bytes;
        }

        internal static Entry Received(string key, string value) => new(key, value, null);
        internal static Entry Received(string key, byte[] value) => new(key, null, value);

        public string Key { get; }
        public bool IsBinary => Key.EndsWith(BinarySuffix, StringComparison.Ordinal);

        public string Value => _text ?? throw new InvalidOperationException($"Metadata key '{Key}' carries bytes: read ValueBytes.");
        public byte[] ValueBytes => _bytes ?? throw new InvalidOperationException($"Metadata key '{Key}' carries text: read Value.");

        public override string ToString() => IsBinary ? $"{Key}: {Convert.ToBase64String(_bytes!)}" : $"{Key}: {_text}";

        internal static string NormalizeKey(string key) => key.ToLowerInvariant();

        private static string ValidateKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            key = NormalizeKey(key);
            foreach (var c in key)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or '-'))
                    throw new ArgumentException($"Metadata key '{key}' may contain only 0-9, a-z, '_', '.' and '-'.", nameof(key));
            }
            if (key.StartsWith("grpc-", StringComparison.Ordinal))
                throw new ArgumentException($"Metadata key '{key}' is reserved for the gRPC protocol.", nameof(key));
            return key;
        }
    }
}
