using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Procurement.Grpc.Tests.Protos;

namespace Procurement.Grpc.Tests.Wire;

public class MessageFramingTests
{
    private const int Limit = 64 * 1024;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly EchoRequest Sample = new() { Text = "hello", Blob = ByteString.CopyFrom(1, 2, 3), ResponseSize = 42 };

    [Fact]
    public async Task A_message_round_trips_and_then_the_stream_ends_cleanly()
    {
        var pipe = new Pipe();
        MessageFraming.Write(pipe.Writer, Sample, encoding: null, int.MaxValue);
        await pipe.Writer.CompleteAsync();

        Assert.Equal(Sample, await ReadAsync(pipe));
        Assert.Null(await ReadAsync(pipe));
    }

    [Fact]
    public void The_prefix_is_an_uncompressed_flag_and_a_big_endian_length()
    {
        var buffer = new ArrayBufferWriter<byte>();
        MessageFraming.Write(buffer, Sample, encoding: null, int.MaxValue);

        var size = Sample.CalculateSize();
        Assert.Equal(new byte[] { 0, 0, 0, 0, (byte)size }, buffer.WrittenSpan[..5].ToArray());
        Assert.Equal(Sample.ToByteArray(), buffer.WrittenSpan[5..].ToArray());
    }

    [Fact]
    public async Task Several_messages_in_one_buffer_are_read_one_at_a_time()
    {
        var pipe = new Pipe();
        for (var i = 0; i < 3; i++) MessageFraming.Write(pipe.Writer, new EchoRequest { Text = $"m{i}" }, null, int.MaxValue);
        await pipe.Writer.CompleteAsync();

        Assert.Equal("m0", (await ReadAsync(pipe))!.Text);
        Assert.Equal("m1", (await ReadAsync(pipe))!.Text);
        Assert.Equal("m2", (await ReadAsync(pipe))!.Text);
        Assert.Null(await ReadAsync(pipe));
    }

    [Fact]
    public async Task A_message_split_across_many_tiny_writes_is_reassembled()
    {
        var frame = Frame(Sample);
        var pipe = new Pipe();
        var read = ReadAsync(pipe);

        for (var i = 0; i < frame.Length - 1; i++) await WriteAsync(pipe, frame.AsMemory(i, 1));
        Assert.False(read.IsCompleted, "the message was returned before its last byte arrived");
        await WriteAsync(pipe, frame.AsMemory(frame.Length - 1, 1));

        Assert.Equal(Sample, await read);
    }

    [Fact]
    public async Task Messages_larger_than_one_buffer_segment_round_trip()
    {
        var big = new EchoRequest { Blob = ByteString.CopyFrom(Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray()) };
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        MessageFraming.Write(pipe.Writer, big, null, int.MaxValue);
        await pipe.Writer.CompleteAsync();

        Assert.Equal(big, await ReadAsync(pipe, maxReceiveSize: 1024 * 1024));
    }

    [Fact]
    public async Task Prefix_over_the_limit_is_refused_before_the_payload_arrives()
    {
        var pipe = new Pipe();
        await WriteAsync(pipe, new byte[] { 0, 0x06, 0x40, 0x00, 0x00 }); // claims 100 MiB, sends nothing more

        var ex = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(pipe));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task A_message_of_exactly_the_limit_is_accepted()
    {
        var message = new EchoRequest { Blob = ByteString.CopyFrom(new byte[100]) };
        var pipe = new Pipe();
        MessageFraming.Write(pipe.Writer, message, null, int.MaxValue);
        await pipe.Writer.CompleteAsync();

        Assert.Equal(message, await ReadAsync(pipe, maxReceiveSize: message.CalculateSize()));
    }

    [Fact]
    public async Task Compressed_flag_without_an_encoding_is_an_internal_error()
    {
        var flags = new List<bool>();
        var ex = await ReadFramesAsync([1, 0, 0, 0, 2, 0x0A, 0x00], encoding: null, flags.Add);

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Equal([true], flags);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public async Task A_compressed_flag_other_than_0_or_1_is_an_internal_error(byte flag)
    {
        var ex = await ReadFramesAsync([flag, 0, 0, 0, 0]);
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task A_payload_that_is_not_the_message_is_an_internal_error()
    {
        // Field 1 (text) claims 5 bytes, one follows.
        var ex = await ReadFramesAsync([0, 0, 0, 0, 3, 0x0A, 0x05, 0x41]);

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.IsType<InvalidProtocolBufferException>(ex.InnerException);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 })]                            // inside the prefix
    [InlineData(new byte[] { 0, 0, 0, 0, 10, 0x0A, 0x02, 0x41 })]   // inside the payload
    public async Task The_stream_ending_in_the_middle_of_a_message_is_an_internal_error(byte[] truncated)
    {
        var ex = await ReadFramesAsync(truncated);
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task A_stream_that_ends_before_any_message_reads_as_the_end()
    {
        var pipe = new Pipe();
        await pipe.Writer.CompleteAsync();

        Assert.Null(await ReadAsync(pipe));
    }

    [Theory]
    [InlineData(Compression.Gzip)]
    [InlineData(Compression.Deflate)]
    public async Task Compressed_messages_round_trip(string encoding)
    {
        var message = new EchoRequest { Text = string.Concat(Enumerable.Repeat("compressible ", 500)) };
        var pipe = new Pipe();
        MessageFraming.Write(pipe.Writer, message, encoding, int.MaxValue);
        await pipe.Writer.CompleteAsync();

        var flags = new List<bool>();
        Assert.Equal(message, await ReadAsync(pipe, encoding: encoding, onCompressedFlag: flags.Add));
        Assert.Equal([true], flags);
    }

    [Theory]
    [InlineData(Compression.Gzip)]
    [InlineData(Compression.Deflate)]
    public void Compressed_messages_are_flagged_and_smaller(string encoding)
    {
        var message = new EchoRequest { Blob = ByteString.CopyFrom(new byte[10_000]) };
        var buffer = new ArrayBufferWriter<byte>();
        MessageFraming.Write(buffer, message, encoding, int.MaxValue);

        Assert.Equal(1, buffer.WrittenSpan[0]);
        Assert.True(buffer.WrittenCount < 1000, $"{buffer.WrittenCount} bytes");
    }

    [Fact]
    public async Task A_message_that_decompresses_beyond_the_limit_is_refused()
    {
        var bomb = new EchoRequest { Blob = ByteString.CopyFrom(new byte[10 * Limit]) };
        var buffer = new ArrayBufferWriter<byte>();
        MessageFraming.Write(buffer, bomb, Compression.Gzip, int.MaxValue);
        Assert.True(buffer.WrittenCount < Limit, "the compressed frame itself must be under the limit");

        var ex = await ReadFramesAsync(buffer.WrittenSpan.ToArray(), Compression.Gzip);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Corrupt_compressed_data_is_an_internal_error()
    {
        var ex = await ReadFramesAsync([1, 0, 0, 0, 4, 0xDE, 0xAD, 0xBE, 0xEF], Compression.Gzip);
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Compression.Gzip)]
    public void Sending_a_message_over_the_send_limit_is_refused_and_writes_nothing(string? encoding)
    {
        var buffer = new ArrayBufferWriter<byte>();

        var ex = Assert.Throws<RpcException>(() => MessageFraming.Write(buffer, Sample, encoding, Sample.CalculateSize() - 1));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(0, buffer.WrittenCount);
    }

    private static byte[] Frame(IMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MessageFraming.Write(buffer, message, null, int.MaxValue);
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WriteAsync(Pipe pipe, ReadOnlyMemory<byte> bytes)
    {
        await pipe.Writer.WriteAsync(bytes);
    }

    private static Task<EchoRequest?> ReadAsync(
        Pipe pipe, int maxReceiveSize = Limit, string? encoding = null, Action<bool>? onCompressedFlag = null) =>
        MessageFraming.ReadAsync(pipe.Reader, EchoRequest.Parser, maxReceiveSize, encoding, onCompressedFlag, CancellationToken.None)
            .AsTask().WaitAsync(Bound);

    /// <summary>Writes these bytes, ends the stream, and returns the RpcException the read ends with.</summary>
    private static async Task<RpcException> ReadFramesAsync(byte[] bytes, string? encoding = null, Action<bool>? onCompressedFlag = null)
    {
        var pipe = new Pipe();
        await WriteAsync(pipe, bytes);
        await pipe.Writer.CompleteAsync();
        return await Assert.ThrowsAsync<RpcException>(() => ReadAsync(pipe, encoding: encoding, onCompressedFlag: onCompressedFlag));
    }
}
