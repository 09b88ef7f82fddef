namespace Procurement.Cli.Tests;

/// <summary>Runs the CLI in-process with its own home directory, gateway and clock, and keeps what it printed.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner(Uri? gateway = null, TimeProvider? clock = null)
    {
        Home = Directory.CreateTempSubdirectory("procurement-cli-test-").FullName;
        Gateway = gateway ?? new Uri("http://127.0.0.1:1");
        Clock = clock ?? TimeProvider.System;
    }

    public string Home { get; }
    public Uri Gateway { get; }
    public TimeProvider Clock { get; }

    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string Id => Out.Trim();
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(new Dictionary<string, string?>
        {
            [CliEnvironment.HomeVariable] = Home,
            [CliEnvironment.GatewayVariable] = Gateway.ToString(),
        }, Clock, OutputIsTerminal: false);
        var code = await Cli.RunAsync(args, output, error, environment);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts exit 0, showing everything printed when it is not.</summary>
    public async Task<Result> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"procurement {string.Join(' ', args)}\n{result}");
        return result;
    }

    public Task<Result> LoginAsync(string profile, string sub, string name, string org, string role, string? commissioner = null) =>
        OkAsync([
            "login", profile, "--development", "--sub", sub, "--name", name, "--org", org, "--role", role,
            .. commissioner is null ? Array.Empty<string>() : ["--commissioner", commissioner],
        ]);

    public void Dispose() => Directory.Delete(Home, recursive: true);
}

/// <summary>Files of the repository (the demo's inputs, scripts/demo.sh), found from the test's output directory.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Directory.Packages.props"))) return directory.FullName;
        throw new InvalidOperationException("The repository root (with Directory.Packages.props) is not above " + AppContext.BaseDirectory);
    }
}
