using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Procurement.Grpc;

/// <summary>Moves metadata between <see cref="Metadata"/> and HTTP header collections.</summary>
internal static class MetadataHeaders
{
    /// <summary>Headers that belong to HTTP or to the protocol and never surface as application metadata.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(':')
        || key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || key.Equals("te", StringComparison.OrdinalIgnoreCase)
        || key.Equals("host", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || key.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || key.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)
        || key.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase);

    public static string EncodeBinary(byte[] value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Base64, padded or not; null when the value is not base64 at all.</summary>
    public static byte[]? DecodeBinary(string value)
    {
        value = value.Trim();
        var padding = (4 - value.Length % 4) % 4;
        if (padding == 3) return null;
        var padded = padding == 0 ? value : value + new string('=', padding);
        var bytes = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary>
    /// Adds one received header value to metadata. Repeated -bin values may arrive comma-joined.
    /// What a peer sends is taken leniently: a -bin value that is not base64 is left out rather than
    /// failing the call, and text values are kept as they are.
    /// </summary>
    public static void AddFromHeader(Metadata metadata, string key, string value)
    {
        key = key.ToLowerInvariant();
        if (key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal))
        {
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (DecodeBinary(part) is { } bytes) metadata.Add(Metadata.Entry.Received(key, bytes));
        }
        else
        {
            metadata.Add(Metadata.Entry.Received(key, value));
        }
    }

    public static Metadata FromRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (IsReserved(key)) continue;
            foreach (var value in values)
                if (value is not null) AddFromHeader(metadata, key, value);
        }
        return metadata;
    }

    public static Metadata FromHttpHeaders(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers.NonValidated)
        {
            if (IsReserved(key)) continue;
            foreach (var value in values) AddFromHeader(metadata, key, value);
        }
        return metadata;
    }

    public static void WriteTo(Metadata metadata, IHeaderDictionary headers)
    {
        foreach (var entry in metadata)
        {
            var value = entry.IsBinary ? EncodeBinary(entry.ValueBytes) : entry.Value;
            headers[entry.Key] = StringValues.Concat(headers[entry.Key], value);
        }
    }

    public static void WriteTo(Metadata metadata, HttpHeaders headers)
    {
        foreach (var entry in metadata)
            headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? EncodeBinary(entry.ValueBytes) : entry.Value);
    }
}
