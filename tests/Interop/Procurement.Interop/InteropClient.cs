using Google.Protobuf;
using Grpc.Testing;
using Procurement.Grpc;

namespace Procurement.Interop;

/// <summary>The client side of the interop test cases; each throws <see cref="InteropFailure"/> when the server misbehaves.</summary>
public sealed class InteropClient(GrpcChannel channel)
{
    public static readonly IReadOnlyList<string> Cases =
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary",
        "client_streaming", "client_compressed_streaming", "server_streaming", "server_compressed_streaming",
        "ping_pong", "empty_stream", "custom_metadata", "status_code_and_message", "special_status_message",
        "unimplemented_method", "unimplemented_service", "cancel_after_begin", "cancel_after_first_response",
        "timeout_on_sleeping_server",
    ];

    private const string SpecialMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
    private readonly TestService.TestServiceClient _client = new(channel);

    public Task RunAsync(string testCase) => testCase switch
    {
        "empty_unary" => EmptyUnaryAsync(),
        "large_unary" => LargeUnaryAsync(),
        "client_compressed_unary" => ClientCompressedUnaryAsync(),
        "server_compressed_unary" => ServerCompressedUnaryAsync(),
        "client_streaming" => ClientStreamingAsync(),
        "client_compressed_streaming" => ClientCompressedStreamingAsync(),
        "server_streaming" => ServerStreamingAsync(),
        "server_compressed_streaming" => ServerCompressedStreamingAsync(),
        "ping_pong" => PingPongAsync(),
        "empty_stream" => EmptyStreamAsync(),
        "custom_metadata" => CustomMetadataAsync(),
        "status_code_and_message" => StatusCodeAndMessageAsync(),
        "special_status_message" => SpecialStatusMessageAsync(),
        "unimplemented_method" => UnimplementedMethodAsync(),
        "unimplemented_service" => UnimplementedServiceAsync(),
        "cancel_after_begin" => CancelAfterBeginAsync(),
        "cancel_after_first_response" => CancelAfterFirstResponseAsync(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServerAsync(),
        _ => throw new ArgumentException($"Unknown test case '{testCase}'. Known: {string.Join(", ", Cases)}."),
    };

    private async Task EmptyUnaryAsync()
    {
        var response = await _client.EmptyCallAsync(new Empty());
        Check(response is not null, "EmptyCall returned no message");
    }

    private async Task LargeUnaryAsync()
    {
        var response = await _client.UnaryCallAsync(LargeRequest());
        CheckPayload(response.Payload, 314159);
    }

    private async Task ClientCompressedUnaryAsync()
    {
        // The probe: claims compression but is sent plain, so a server that checks must refuse it.
        var probe = LargeRequest();
        probe.ExpectCompressed = new BoolValue { Value = true };
        await ExpectStatusAsync(StatusCode.InvalidArgument, async () => await _client.UnaryCallAsync(probe));

        var compressed = LargeRequest();
        compressed.ExpectCompressed = new BoolValue { Value = true };
        CheckPayload((await _client.UnaryCallAsync(compressed, new CallOptions { RequestEncoding = "gzip" })).Payload, 314159);

        var plain = LargeRequest();
        plain.ExpectCompressed = new BoolValue { Value = false };
        CheckPayload((await _client.UnaryCallAsync(plain)).Payload, 314159);
    }

    private async Task ServerCompressedUnaryAsync()
    {
        foreach (var compressed in new[] { true, false })
        {
            var request = LargeRequest();
            request.ResponseCompressed = new BoolValue { Value = compressed };
            CheckPayload((await _client.UnaryCallAsync(request)).Payload, 314159);
        }
    }

    private async Task ClientStreamingAsync()
    {
        using var call = _client.StreamingInputCall();
        foreach (var size in new[] { 27182, 8, 1828, 45904 })
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) });
        await call.RequestStream.CompleteAsync();
        var response = await call;
        Check(response.AggregatedPayloadSize == 74922, $"aggregated size {response.AggregatedPayloadSize}, expected 74922");
    }

    private async Task ClientCompressedStreamingAsync()
    {
        using (var probe = _client.StreamingInputCall())
        {
            await ExpectStatusAsync(StatusCode.InvalidArgument, async () =>
            {
                await probe.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(27182), ExpectCompressed = new BoolValue { Value = true } });
                await probe.RequestStream.CompleteAsync();
                await probe;
            });
        }

        using var call = _client.StreamingInputCall(new CallOptions { RequestEncoding = "gzip" });
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(27182), ExpectCompressed = new BoolValue { Value = true } });
        call.RequestStream.WriteOptions = new WriteOptions(NoCompress: true);
        await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(45904), ExpectCompressed = new BoolValue { Value = false } });
        await call.RequestStream.CompleteAsync();
        var response = await call;
        Check(response.AggregatedPayloadSize == 73086, $"aggregated size {response.AggregatedPayloadSize}, expected 73086");
    }

    private async Task ServerStreamingAsync()
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));
        using var call = _client.StreamingOutputCall(request);
        await CheckResponsesAsync(call.ResponseStream, sizes);
    }

    private async Task ServerCompressedStreamingAsync()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415, Compressed = new BoolValue { Value = true } });
        request.ResponseParameters.Add(new ResponseParameters { Size = 92653, Compressed = new BoolValue { Value = false } });
        using var call = _client.StreamingOutputCall(request);
        await CheckResponsesAsync(call.ResponseStream, [31415, 92653]);
    }

    private async Task PingPongAsync()
    {
        (int Request, int Response)[] steps = [(27182, 31415), (8, 9), (1828, 2653), (45904, 58979)];
        using var call = _client.FullDuplexCall();
        foreach (var (requestSize, responseSize) in steps)
        {
            await call.RequestStream.WriteAsync(DuplexRequest(requestSize, responseSize));
            Check(await call.ResponseStream.MoveNext(), "the stream ended before the expected response");
            CheckPayload(call.ResponseStream.Current.Payload, responseSize);
        }
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(), "the server sent more responses than requested");
    }

    private async Task EmptyStreamAsync()
    {
        using var call = _client.FullDuplexCall();
        await call.RequestStream.CompleteAsync();
        Check(!await call.ResponseStream.MoveNext(), "an empty stream produced a response");
    }

    private async Task CustomMetadataAsync()
    {
        const string initialValue = "test_initial_metadata_value";
        byte[] trailingValue = [0xab, 0xab, 0xab];
        Metadata Headers() => new Metadata()
            .Add(TestServiceImpl.EchoInitialKey, initialValue)
            .Add(TestServiceImpl.EchoTrailingKey, trailingValue);

        using (var unary = _client.UnaryCallAsync(LargeRequest(), new CallOptions(Headers())))
        {
            CheckPayload((await unary).Payload, 314159);
            CheckEcho(await unary.ResponseHeadersAsync, unary.GetTrailers(), initialValue, trailingValue);
        }

        using var duplex = _client.FullDuplexCall(new CallOptions(Headers()));
        await duplex.RequestStream.WriteAsync(DuplexRequest(271828, 314159));
        await duplex.RequestStream.CompleteAsync();
        Check(await duplex.ResponseStream.MoveNext(), "no response on the duplex call");
        CheckPayload(duplex.ResponseStream.Current.Payload, 314159);
        Check(!await duplex.ResponseStream.MoveNext(), "more than one response on the duplex call");
        CheckEcho(await duplex.ResponseHeadersAsync, duplex.GetTrailers(), initialValue, trailingValue);
    }

    private async Task StatusCodeAndMessageAsync()
    {
        const string message = "test status message";
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } };
        await ExpectStatusAsync(StatusCode.Unknown, async () => await _client.UnaryCallAsync(request), message);

        using var duplex = _client.FullDuplexCall();
        await ExpectStatusAsync(StatusCode.Unknown, async () =>
        {
            await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } });
            await duplex.RequestStream.CompleteAsync();
            while (await duplex.ResponseStream.MoveNext()) { }
        }, message);
    }

    private async Task SpecialStatusMessageAsync()
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = SpecialMessage } };
        await ExpectStatusAsync(StatusCode.Unknown, async () => await _client.UnaryCallAsync(request), SpecialMessage);
    }

    private async Task UnimplementedMethodAsync() =>
        await ExpectStatusAsync(StatusCode.Unimplemented, async () => await _client.UnimplementedCallAsync(new Empty()));

    private async Task UnimplementedServiceAsync()
    {
        var other = new UnimplementedService.UnimplementedServiceClient(channel);
        await ExpectStatusAsync(StatusCode.Unimplemented, async () => await other.UnimplementedCallAsync(new Empty()));
    }

    private async Task CancelAfterBeginAsync()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.StreamingInputCall(new CallOptions(cancellationToken: cts.Token));
        await cts.CancelAsync();
        await ExpectStatusAsync(StatusCode.Cancelled, async () => await call);
    }

    private async Task CancelAfterFirstResponseAsync()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.FullDuplexCall(new CallOptions(cancellationToken: cts.Token));
        await call.RequestStream.WriteAsync(DuplexRequest(27182, 31415));
        Check(await call.ResponseStream.MoveNext(), "no first response");
        CheckPayload(call.ResponseStream.Current.Payload, 31415);
        await cts.CancelAsync();
        await ExpectStatusAsync(StatusCode.Cancelled, async () => await call.ResponseStream.MoveNext());
    }

    private async Task TimeoutOnSleepingServerAsync()
    {
        using var call = _client.FullDuplexCall(new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(1)));
        await ExpectStatusAsync(StatusCode.DeadlineExceeded, async () =>
        {
            try
            {
                await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) });
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
            {
                // The deadline may pass before the write; the read below must still say so.
            }
            await call.ResponseStream.MoveNext();
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static SimpleRequest LargeRequest() => new() { ResponseSize = 314159, Payload = Zeros(271828) };

    private static StreamingOutputCallRequest DuplexRequest(int requestSize, int responseSize)
    {
        var request = new StreamingOutputCallRequest { Payload = Zeros(requestSize) };
        request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
        return request;
    }

    private static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    private static async Task CheckResponsesAsync(IAsyncStreamReader<StreamingOutputCallResponse> stream, int[] sizes)
    {
        var count = 0;
        while (await stream.MoveNext())
        {
            Check(count < sizes.Length, "more responses than requested");
            CheckPayload(stream.Current.Payload, sizes[count]);
            count++;
        }
        Check(count == sizes.Length, $"{count} responses, expected {sizes.Length}");
    }

    private static void CheckPayload(Payload? payload, int size)
    {
        Check(payload is not null, "the response has no payload");
        Check(payload!.Body.Length == size, $"payload of {payload.Body.Length} bytes, expected {size}");
        foreach (var b in payload.Body.Span)
            Check(b == 0, "the payload is not all zero bytes");
    }

    private static void CheckEcho(Metadata headers, Metadata trailers, string initial, byte[] trailing)
    {
        var initialValues = headers.GetAll(TestServiceImpl.EchoInitialKey).ToList();
        Check(initialValues.Count == 1 && initialValues[0].Value == initial, $"initial metadata echo: {string.Join(", ", initialValues)}");
        var trailingValues = trailers.GetAll(TestServiceImpl.EchoTrailingKey).ToList();
        Check(trailingValues.Count == 1 && trailingValues[0].ValueBytes.AsSpan().SequenceEqual(trailing), $"trailing metadata echo: {string.Join(", ", trailingValues)}");
    }

    private static async Task ExpectStatusAsync(StatusCode expected, Func<Task> call, string? message = null)
    {
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            Check(ex.StatusCode == expected, $"status {ex.StatusCode} ({ex.Status.Detail}), expected {expected}");
            if (message is not null)
                Check(ex.Status.Detail == message, $"status message '{ex.Status.Detail}', expected '{message}'");
            return;
        }
        throw new InteropFailure($"the call succeeded, expected status {expected}");
    }

    private static void Check(bool condition, string failure)
    {
        if (!condition) throw new InteropFailure(failure);
    }
}

public sealed class InteropFailure(string message) : Exception(message);
