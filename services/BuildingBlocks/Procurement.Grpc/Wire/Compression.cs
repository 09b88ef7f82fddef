using System.Buffers;
using System.IO.Compression;

namespace Procurement.Grpc;

/// <summary>Message compression algorithms the runtime speaks: gzip and deflate (zlib), plus identity.</summary>
internal static class Compression
{
    public const string Identity = "identity";
    public const string Gzip = "gzip";
    public const string Deflate = "deflate";

    /// <summary>The value of grpc-accept-encoding this runtime sends.</summary>
    public const string AcceptEncoding = "identity,gzip,deflate";

    public static bool IsSupported(string? encoding) =>
        encoding is null or Identity or Gzip or Deflate;

    public static bool IsCompressing(string? encoding) => encoding is Gzip or Deflate;

    /// <summary>Whether a grpc-accept-encoding list names this encoding.</summary>
    public static bool IsAccepted(string? acceptList, string encoding)
    {
        if (acceptList is null) return false;
        foreach (var range in acceptList.AsSpan().Split(','))
            if (acceptList.AsSpan(range).Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public static byte[] Compress(string encoding, ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 2 + 64);
        using (var stream = Create(encoding, output, CompressionMode.Compress))
            stream.Write(data);
        return output.ToArray();
    }

    /// <summary>Decompresses, refusing to produce more than <paramref name="maxSize"/> bytes.</summary>
    public static byte[] Decompress(string encoding, ReadOnlySequence<byte> data, int maxSize)
    {
        using var input = new MemoryStream(data.ToArray());
        using var stream = Create(encoding, input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxSize)
                    throw new RpcException(StatusCode.ResourceExhausted,
                        $"Received message decompresses to more than the maximum of {maxSize} bytes.");
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Received message is not valid {encoding} data."), null, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return output.ToArray();
    }

    private static Stream Create(string encoding, Stream inner, CompressionMode mode) => encoding switch
    {
        Gzip => new GZipStream(inner, mode, leaveOpen: true),
        Deflate => new ZLibStream(inner, mode, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unsupported message encoding."),
    };
}
