using Procurement.Interop;

namespace Procurement.Grpc.Tests.Interop;

/// <summary>
/// The interop cases of GRPC.md in three directions: grpc-js client → our server program,
/// our client program → grpc-js server, and our client → our server in process.
/// </summary>
public sealed class InteropTests(InteropPeers peers) : IClassFixture<InteropPeers>
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A grpc-js server never compresses responses, so these two cannot pass against it.</summary>
    private static readonly string[] NeedsServerCompression = ["server_compressed_unary", "server_compressed_streaming"];

    public static TheoryData<string> AllCases => new(InteropClient.Cases);
    public static TheoryData<string> CasesGrpcJsServes => new(InteropClient.Cases.Except(NeedsServerCompression));

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Grpc_js_client_passes_against_our_interop_server(string testCase)
    {
        var (exitCode, output) = await ExternalProcess.RunAsync("node",
            ["client.js", "--server_host=127.0.0.1", $"--server_port={peers.DotnetServerPort}", $"--test_case={testCase}"],
            InteropPeers.GrpcJsDirectory, CaseTimeout);
        Assert.True(exitCode == 0, $"grpc-js client, case {testCase}, exit code {exitCode}:\n{output}");
    }

    [Theory]
    [MemberData(nameof(CasesGrpcJsServes))]
    public async Task Our_interop_client_passes_against_a_grpc_js_server(string testCase)
    {
        var (exitCode, output) = await ExternalProcess.RunAsync("dotnet",
            [InteropPeers.ProgramPath("Procurement.Interop.Client", "interop-client"), "--server_host=127.0.0.1", $"--server_port={peers.JsServerPort}", $"--test_case={testCase}"],
            null, CaseTimeout);
        Assert.True(exitCode == 0, $"interop client, case {testCase}, exit code {exitCode}:\n{output}");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Our_client_passes_against_our_server(string testCase)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{peers.InProcessPort}");
        await new InteropClient(channel).RunAsync(testCase).WaitAsync(CaseTimeout);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task Grpc_js_client_lists_describes_and_calls_through_reflection_and_health(string version)
    {
        // What grpcurl does: list services, describe them from the served descriptors alone, call by name.
        var (exitCode, output) = await ExternalProcess.RunAsync("node",
            ["reflect.js", "--server_host=127.0.0.1", $"--server_port={peers.DotnetServerPort}", $"--reflection={version}",
             $"--expect_service=grpc.testing.TestService,grpc.health.v1.Health,grpc.reflection.{version}.ServerReflection",
             "--call=grpc.testing.TestService/EmptyCall", "--call=grpc.health.v1.Health/Check"],
            InteropPeers.GrpcJsDirectory, CaseTimeout);
        Assert.True(exitCode == 0, $"reflect.js --reflection={version}, exit code {exitCode}:\n{output}");
    }

    [Fact]
    public async Task Interop_client_exits_non_zero_when_a_case_fails()
    {
        // Nothing listens on port 1, so the case cannot pass.
        var (exitCode, _) = await ExternalProcess.RunAsync("dotnet",
            [InteropPeers.ProgramPath("Procurement.Interop.Client", "interop-client"), "--server_host=127.0.0.1", "--server_port=1", "--test_case=empty_unary"],
            null, CaseTimeout);
        Assert.NotEqual(0, exitCode);
    }
}
