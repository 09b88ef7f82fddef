using Microsoft.AspNetCore.Builder;
using Procurement.Interop;

namespace Procurement.Grpc.Tests.Interop;

/// <summary>
/// The servers of the interop matrix: the project's interop server program, a grpc-js server
/// (tests/Interop/grpc-js, installed by `npm ci`), and an in-process server for the .NET↔.NET run.
/// </summary>
public sealed class InteropPeers : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private ExternalProcess? _dotnetServer;
    private ExternalProcess? _jsServer;
    private WebApplication? _inProcess;

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string GrpcJsDirectory => Path.Combine(RepoRoot, "tests", "Interop", "grpc-js");
    // bin/<Configuration>/net10.0/
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public int DotnetServerPort { get; private set; }
    public int JsServerPort { get; private set; }
    public int InProcessPort { get; private set; }

    public static string ProgramPath(string project, string assembly) =>
        Path.Combine(RepoRoot, "tests", "Interop", project, "bin", Configuration, "net10.0", assembly + ".dll");

    public async Task InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(GrpcJsDirectory, "node_modules", "@grpc", "grpc-js")))
            throw new InvalidOperationException($"grpc-js is not installed: run `npm ci` in {GrpcJsDirectory} (scripts/test.sh does).");

        _inProcess = await InteropServer.StartAsync(0);
        InProcessPort = _inProcess.BoundPort();
        (_dotnetServer, DotnetServerPort) = await ExternalProcess.StartServerAsync(
            "dotnet", [ProgramPath("Procurement.Interop.Server", "interop-server"), "--port=0"], null, StartTimeout);
        (_jsServer, JsServerPort) = await ExternalProcess.StartServerAsync(
            "node", ["server.js", "--port=0"], GrpcJsDirectory, StartTimeout);
    }

    public async Task DisposeAsync()
    {
        _dotnetServer?.Dispose();
        _jsServer?.Dispose();
        if (_inProcess is not null) await _inProcess.DisposeAsync();
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Procurement.sln"))) return dir.FullName;
        throw new InvalidOperationException("Procurement.sln not found above " + AppContext.BaseDirectory);
    }
}
