using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;
using Kind = Procurement.Grpc.Tests.Protos.FailRequest.Types.Kind;

namespace Procurement.Grpc.Tests.Calls;

public sealed class StatusTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private readonly RuntimeTest.RuntimeTestClient _client = new(server.Channel);

    public static TheoryData<StatusCode> ErrorCodes => new(Enum.GetValues<StatusCode>().Where(c => c != StatusCode.OK));

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task Every_status_code_and_its_message_reach_the_client(StatusCode code)
    {
        var message = $"tender TND-2023-007 refused: {code} (50% complete, ☺)";
        var error = await Wait.ForRpcException(() =>
            _client.FailAsync(new FailRequest { Kind = Kind.RpcException, Code = (int)code, Message = message }).ResponseAsync);
        Assert.Equal(code, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
    }

    [Fact]
    public async Task An_immediate_error_is_sent_trailers_only()
    {
        var body = RawGrpc.Frame(new FailRequest { Kind = Kind.RpcException, Code = (int)StatusCode.FailedPrecondition, Message = "closed" });
        using var response = await server.Raw.SendAsync(RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/Fail", body)).Bounded();
        Assert.Equal("9", RawGrpc.Header(response.Headers, "grpc-status"));
        Assert.Equal("closed", RawGrpc.Header(response.Headers, "grpc-message"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task An_error_after_headers_were_sent_travels_in_trailers()
    {
        var body = RawGrpc.Frame(new FailRequest { Kind = Kind.RpcException, Code = (int)StatusCode.Aborted, Message = "raced", WriteHeadersFirst = true });
        using var response = await server.Raw.SendAsync(RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/Fail", body)).Bounded();
        await response.Content.ReadAsByteArrayAsync();
        Assert.Null(RawGrpc.Header(response.Headers, "grpc-status"));
        Assert.Equal("10", RawGrpc.Header(response.TrailingHeaders, "grpc-status"));
    }

    [Fact]
    public async Task Success_always_carries_grpc_status_zero_in_trailers()
    {
        using var response = await server.Raw.SendAsync(RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/Echo", RawGrpc.Frame(new EchoRequest { Text = "x" }))).Bounded();
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, body[0]);
        Assert.Equal("0", RawGrpc.Header(response.TrailingHeaders, "grpc-status"));
    }

    [Fact]
    public async Task Unexpected_exception_becomes_unknown_without_leaking_internals()
    {
        var error = await Wait.ForRpcException(() => _client.FailAsync(new FailRequest { Kind = Kind.UnexpectedException }).ResponseAsync);
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
        Assert.DoesNotContain("hunter2", error.Status.Detail);
        Assert.DoesNotContain("InvalidOperationException", error.Status.Detail);
    }

    [Fact]
    public async Task Status_set_on_the_context_is_sent_and_the_response_message_is_not()
    {
        using var response = await server.Raw.SendAsync(RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/Fail",
            RawGrpc.Frame(new FailRequest { Kind = Kind.StatusWithoutThrow, Code = (int)StatusCode.PermissionDenied, Message = "Kent may not read Essex's scores" }))).Bounded();
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("7", RawGrpc.StatusOf(response));
    }

    [Fact]
    public async Task Unknown_method_of_a_served_service_is_unimplemented()
    {
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "procurement.testing.v1.RuntimeTest", "NoSuchMethod", EchoRequest.Parser, EchoResponse.Parser);
        var error = await Wait.ForRpcException(() => server.Channel.CallInvoker.AsyncUnaryCall(method, default, new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("NoSuchMethod", error.Status.Detail);
    }

    [Fact]
    public async Task Unknown_service_is_unimplemented_and_answered_trailers_only()
    {
        using var response = await server.Raw.SendAsync(RawGrpc.Request(server.Address, "/no.such.Service/Call", RawGrpc.Frame(new EchoRequest()))).Bounded();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", RawGrpc.Header(response.Headers, "grpc-status"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Malformed_percent_escape_in_grpc_message_is_kept_not_fatal()
    {
        var error = await Wait.ForRpcException(() =>
            _client.FailAsync(new FailRequest { Kind = Kind.RpcException, Code = 3, Message = "100% sure %zz" }).ResponseAsync);
        Assert.Equal("100% sure %zz", error.Status.Detail);
    }
}

public sealed class EndedCallWriteTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    [Fact]
    public async Task Writing_to_a_call_the_server_ended_reports_its_status()
    {
        var client = new global::Grpc.Testing.TestService.TestServiceClient(server.Channel);
        using var call = client.FullDuplexCall();
        var ending = new global::Grpc.Testing.StreamingOutputCallRequest { ResponseStatus = new global::Grpc.Testing.EchoStatus { Code = 9, Message = "ended" } };
        await call.RequestStream.WriteAsync(ending).Bounded();
        await call.ResponseHeadersAsync.Bounded(); // the server's Trailers-Only answer has arrived
        var error = await Wait.ForRpcException(() => call.RequestStream.WriteAsync(ending));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ended", error.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, call.GetStatus().StatusCode);
    }
}
