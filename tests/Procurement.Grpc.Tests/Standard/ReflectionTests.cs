using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Procurement.Grpc.Tests.Support;
using V1Alpha = Grpc.Reflection.V1Alpha;

#pragma warning disable CS0612, CS0618 // v1alpha is deprecated, and still what many tools ask for

namespace Procurement.Grpc.Tests.Standard;

public class ReflectionTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private const int NotFound = (int)StatusCode.NotFound;

    private static readonly string[] ExpectedServices =
    [
        "grpc.testing.TestService",
        "procurement.testing.v1.RuntimeTest",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ];

    private readonly ServerReflection.ServerReflectionClient _v1 = new(server.Channel);
    private readonly V1Alpha.ServerReflection.ServerReflectionClient _v1Alpha = new(server.Channel);

    [Fact]
    public async Task List_services_names_every_mapped_service()
    {
        var response = await AskAsync(new ServerReflectionRequest { ListServices = "" });

        var names = response.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.All(ExpectedServices, name => Assert.Contains(name, names));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData("grpc.testing.TestService", "grpc/testing/test.proto")]
    [InlineData("grpc.testing.TestService.UnaryCall", "grpc/testing/test.proto")]
    [InlineData("grpc.testing.SimpleRequest", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.LoadBalancerStatsResponse.RpcsByPeer", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.ClientConfigureRequest.RpcType", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.PayloadType", "grpc/testing/messages.proto")]
    [InlineData("grpc.testing.Empty", "grpc/testing/empty.proto")]
    [InlineData("procurement.testing.v1.RuntimeTest.Echoes", "Protos/runtime_test.proto")]
    [InlineData("procurement.testing.v1.FailRequest.Kind", "Protos/runtime_test.proto")]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc/health/v1/health.proto")]
    [InlineData("grpc.reflection.v1.ServerReflection", "grpc/reflection/v1/reflection.proto")]
    public async Task File_containing_symbol_returns_buildable_files_that_define_it(string symbol, string file)
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });

        var files = Build(response.FileDescriptorResponse.FileDescriptorProto);
        var defining = Assert.Single(files, f => f.Name == file);
        Assert.Contains(symbol, SymbolsOf(defining));
    }

    [Theory]
    [InlineData("grpc.testing.SimpleRequest.response_size", "grpc/testing/messages.proto")]
    [InlineData("grpc.health.v1.HealthCheckResponse.SERVING", "grpc/health/v1/health.proto")]
    [InlineData("grpc.testing.COMPRESSABLE", "grpc/testing/messages.proto")]
    public async Task File_containing_symbol_resolves_fields_and_enum_values_as_grpcurl_asks(string symbol, string file)
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });

        var first = FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal(file, first.Name);
    }

    [Fact]
    public async Task File_by_filename_returns_the_file_with_its_dependencies()
    {
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = "grpc/testing/test.proto" });

        var files = Build(response.FileDescriptorResponse.FileDescriptorProto);
        Assert.Equal(
            ["grpc/testing/empty.proto", "grpc/testing/messages.proto", "grpc/testing/test.proto"],
            files.Select(f => f.Name).Order(StringComparer.Ordinal));
        var test = files.Single(f => f.Name == "grpc/testing/test.proto");
        var methods = test.Services.Single(s => s.FullName == "grpc.testing.TestService").Methods;
        Assert.Contains(methods, m => m.Name == "FullDuplexCall" && m.IsClientStreaming && m.IsServerStreaming);
        Assert.Contains(methods, m => m.Name == "UnaryCall" && m.InputType.FullName == "grpc.testing.SimpleRequest");
    }

    [Theory]
    [InlineData("no.such.Symbol")]
    [InlineData("grpc.testing.TestService.NoSuchMethod")]
    [InlineData("")]
    public async Task An_unknown_symbol_is_answered_with_NOT_FOUND(string symbol)
    {
        var response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });

        Assert.Equal(ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse, response.MessageResponseCase);
        Assert.Equal(NotFound, response.ErrorResponse.ErrorCode);
    }

    [Theory]
    [InlineData("no/such/file.proto")]
    [InlineData("test.proto")]
    public async Task An_unknown_file_is_answered_with_NOT_FOUND(string file)
    {
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = file });

        Assert.Equal(NotFound, response.ErrorResponse.ErrorCode);
        Assert.Contains(file, response.ErrorResponse.ErrorMessage);
    }

    [Fact]
    public async Task Extensions_are_not_found_and_known_types_have_none()
    {
        var extension = await AskAsync(new ServerReflectionRequest
        {
            FileContainingExtension = new ExtensionRequest { ContainingType = "grpc.testing.SimpleRequest", ExtensionNumber = 100 },
        });
        var numbers = await AskAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = "grpc.testing.SimpleRequest" });

        Assert.Equal(NotFound, extension.ErrorResponse.ErrorCode);
        Assert.Equal("grpc.testing.SimpleRequest", numbers.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(numbers.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task Several_requests_on_one_stream_are_each_answered_in_order()
    {
        ServerReflectionRequest[] requests =
        [
            new() { Host = "h1", ListServices = "*" },
            new() { Host = "h2", FileContainingSymbol = "grpc.testing.TestService" },
            new() { Host = "h3", FileContainingSymbol = "no.such.Symbol" },
            new() { Host = "h4", FileByFilename = "grpc/health/v1/health.proto" },
        ];

        var responses = await ExchangeAsync(_v1.ServerReflectionInfo(), requests);

        Assert.Equal(requests, responses.Select(r => r.OriginalRequest));
        Assert.Equal(["h1", "h2", "h3", "h4"], responses.Select(r => r.ValidHost));
        Assert.Equal(
            [
                ServerReflectionResponse.MessageResponseOneofCase.ListServicesResponse,
                ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse,
                ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse,
                ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse,
            ],
            responses.Select(r => r.MessageResponseCase));
    }

    [Fact]
    public async Task V1alpha_lists_the_same_services()
    {
        var response = Assert.Single(await ExchangeAsync(_v1Alpha.ServerReflectionInfo(), [new V1Alpha.ServerReflectionRequest { ListServices = "" }]));

        var names = response.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.All(ExpectedServices, name => Assert.Contains(name, names));
    }

    [Fact]
    public async Task V1alpha_answers_symbols_and_errors_in_order()
    {
        V1Alpha.ServerReflectionRequest[] requests =
        [
            new() { FileContainingSymbol = "grpc.testing.TestService.UnaryCall" },
            new() { FileByFilename = "no/such/file.proto" },
        ];

        var responses = await ExchangeAsync(_v1Alpha.ServerReflectionInfo(), requests);

        Assert.Equal(requests, responses.Select(r => r.OriginalRequest));
        var files = Build(responses[0].FileDescriptorResponse.FileDescriptorProto);
        Assert.Contains("grpc.testing.TestService.UnaryCall", SymbolsOf(files.Single(f => f.Name == "grpc/testing/test.proto")));
        Assert.Equal(NotFound, responses[1].ErrorResponse.ErrorCode);
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request) =>
        Assert.Single(await ExchangeAsync(_v1.ServerReflectionInfo(), [request]));

    /// <summary>Sends all requests on one stream, half-closes, and reads every answer until the server ends the call.</summary>
    private static async Task<List<TResponse>> ExchangeAsync<TRequest, TResponse>(
        AsyncDuplexStreamingCall<TRequest, TResponse> call, IEnumerable<TRequest> requests)
    {
        using (call)
        {
            foreach (var request in requests) await call.RequestStream.WriteAsync(request).Bounded();
            await call.RequestStream.CompleteAsync().Bounded();
            var responses = new List<TResponse>();
            while (await call.ResponseStream.MoveNext().Bounded()) responses.Add(call.ResponseStream.Current);
            Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
            return responses;
        }
    }

    /// <summary>Builds the returned files, which must include every dependency; sorts them dependencies-first.</summary>
    private static IReadOnlyList<FileDescriptor> Build(IEnumerable<ByteString> files)
    {
        var byName = files.Select(bytes => (Bytes: bytes, Proto: FileDescriptorProto.Parser.ParseFrom(bytes)))
            .ToDictionary(f => f.Proto.Name);
        Assert.NotEmpty(byName);
        var ordered = new List<ByteString>();
        var visited = new HashSet<string>();
        foreach (var name in byName.Keys) Visit(name);
        return FileDescriptor.BuildFromByteStrings(ordered);

        void Visit(string name)
        {
            Assert.True(byName.ContainsKey(name), $"dependency {name} was not sent");
            if (!visited.Add(name)) return;
            foreach (var dependency in byName[name].Proto.Dependency) Visit(dependency);
            ordered.Add(byName[name].Bytes);
        }
    }

    private static HashSet<string> SymbolsOf(FileDescriptor file)
    {
        var symbols = new HashSet<string>();
        foreach (var service in file.Services)
        {
            symbols.Add(service.FullName);
            symbols.UnionWith(service.Methods.Select(m => m.FullName));
        }
        symbols.UnionWith(file.EnumTypes.Select(e => e.FullName));
        foreach (var message in file.MessageTypes) AddMessage(message);
        return symbols;

        void AddMessage(MessageDescriptor message)
        {
            symbols.Add(message.FullName);
            symbols.UnionWith(message.EnumTypes.Select(e => e.FullName));
            foreach (var nested in message.NestedTypes) AddMessage(nested);
        }
    }
}
