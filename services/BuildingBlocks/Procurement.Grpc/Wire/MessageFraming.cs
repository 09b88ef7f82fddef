using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Procurement.Grpc;

/// <summary>
/// Length-prefixed messages: a 1-byte compressed flag, a 4-byte big-endian length, the payload.
/// Reads parse straight from the pipe's buffer; writes serialize straight into the pipe.
/// </summary>
internal static class MessageFraming
{
    public const int HeaderSize = 5;
    private const int SingleSpanLimit = 64 * 1024;

    /// <summary>Writes one message. Compresses when <paramref name="encoding"/> names an algorithm.</summary>
    public static void Write(IBufferWriter<byte> writer, IMessage message, string? encoding, int maxSendSize)
    {
        var size = message.CalculateSize();
        if (size > maxSendSize)
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} > {maxSendSize} bytes).");

        if (Compression.IsCompressing(encoding))
        {
            var plain = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                message.WriteTo(plain.AsSpan(0, size));
                var compressed = Compression.Compress(encoding!, plain.AsSpan(0, size));
                var span = writer.GetSpan(HeaderSize + compressed.Length);
                span[0] = 1;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)compressed.Length);
                compressed.CopyTo(span[HeaderSize..]);
                writer.Advance(HeaderSize + compressed.Length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(plain);
            }
            return;
        }

        if (size <= SingleSpanLimit)
        {
            var span = writer.GetSpan(HeaderSize + size);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
            message.WriteTo(span.Slice(HeaderSize, size));
            writer.Advance(HeaderSize + size);
        }
        else
        {
            var header = writer.GetSpan(HeaderSize);
            header[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
            writer.Advance(HeaderSize);
            message.WriteTo(writer);
        }
    }

    /// <summary>
    /// Reads the next message, or returns null when the stream ends cleanly between messages.
    /// The length prefix is checked against the limit before the payload is buffered.
    /// </summary>
    public static async ValueTask<T?> ReadAsync<T>(
        PipeReader reader, MessageParser<T> parser, int maxReceiveSize, string? encoding,
        Action<bool>? onCompressedFlag, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryParse(ref buffer, parser, maxReceiveSize, encoding, onCompressedFlag, out var message))
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }
            if (result.IsCompleted)
            {
                var leftover = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (leftover == 0) return null;
                throw new RpcException(StatusCode.Internal, "Incomplete message: the stream ended in the middle of a message.");
            }
            if (result.IsCanceled) throw new OperationCanceledException(cancellationToken);
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryParse<T>(
        ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, int maxReceiveSize, string? encoding,
        Action<bool>? onCompressedFlag, out T? message)
        where T : class, IMessage<T>
    {
        message = null;
        if (buffer.Length < HeaderSize) return false;

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (flag > 1)
            throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {flag} in a message prefix.");
        if (length > (uint)maxReceiveSize)
            throw new RpcException(StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size ({length} > {maxReceiveSize} bytes).");
        if (buffer.Length < HeaderSize + length) return false;

        var payload = buffer.Slice(HeaderSize, length);
        onCompressedFlag?.Invoke(flag == 1);
        try
        {
            if (flag == 1)
            {
                if (!Compression.IsCompressing(encoding))
                    throw new RpcException(StatusCode.Internal, "Received a compressed message, but no grpc-encoding was given.");
                var plain = Compression.Decompress(encoding!, payload, maxReceiveSize);
                message = parser.ParseFrom(plain);
            }
            else
            {
                message = parser.ParseFrom(payload);
            }
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to deserialize the message: {ex.Message}"), null, ex);
        }
        buffer = buffer.Slice(payload.End);
        return true;
    }
}
