namespace Procurement.Cli.Tests;

/// <summary>The command line itself: help everywhere, usage errors, profiles; nothing here reaches a gateway.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public static TheoryData<string> Commands() =>
    [
        "", "login", "logout", "whoami", "profiles",
        "tender", "tender create", "tender update", "tender publish", "tender amend", "tender cancel", "tender cancel-lot", "tender close",
        "tender show", "tender list", "tender revisions", "clarification ask", "clarification answer", "clarification list",
        "bid submit", "bid revise", "bid reconfirm", "bid withdraw", "bid show", "bid list", "bid verify",
        "panel list", "panel show", "panel appoint", "panel declare", "panel bids", "panel score", "panel submit", "panel scores",
        "panel moderate", "panel complete", "panel results", "decision draft", "decision sign", "decision refuse",
        "award list", "award show", "award summary", "challenge record", "challenge resolve",
        "contract enter", "contract show", "contract extend", "ocds export", "clock show", "clock advance",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string command)
    {
        var result = await _cli.RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains("Description:", result.Out);
    }

    [Fact]
    public async Task The_top_help_documents_the_exit_codes()
    {
        var result = await _cli.RunAsync("--help");
        Assert.Contains("Exit codes: 0 ok; 1 refused by the service", result.Out);
        Assert.Contains("4 gateway unreachable", result.Out);
    }

    [Fact]
    public async Task A_usage_error_exits_2_and_says_what_is_missing()
    {
        var result = await _cli.RunAsync("tender", "create");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Option '--file' is required.", result.Error);
    }

    [Fact]
    public async Task A_bad_file_exits_2_naming_its_line_and_field()
    {
        await _cli.LoginAsync("officer", "p-ola", "Ola Officer", "7f-commercial", "procurement_officer");
        var file = Path.Combine(_cli.Home, "tender.yaml");
        await File.WriteAllTextAsync(file, "title: A tender\nregime: PCR_2015\nlot:\n  - id: kent\n");

        var result = await _cli.RunAsync("tender", "create", "--file", file);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"{file}:3: lot: TenderContent has no field 'lot'", result.Error);
    }

    [Fact]
    public async Task Waiting_for_a_tender_needs_the_status_to_wait_for()
    {
        var result = await _cli.RunAsync("tender", "show", "t-1", "--wait");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("add --wait-status", result.Error);
    }

    [Fact]
    public async Task Without_a_profile_a_call_exits_3()
    {
        var result = await _cli.RunAsync("tender", "list");

        Assert.Equal(ExitCodes.NotSignedIn, result.ExitCode);
        Assert.Contains("Not signed in", result.Error);
    }

    [Fact]
    public async Task An_unreachable_gateway_exits_4()
    {
        await _cli.LoginAsync("officer", "p-ola", "Ola Officer", "7f-commercial", "procurement_officer");

        var result = await _cli.RunAsync("tender", "list");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains("UNAVAILABLE: the gateway could not be reached", result.Error);
    }

    [Fact]
    public async Task Development_tokens_are_minted_only_when_asked_for()
    {
        var refused = await _cli.RunAsync("login", "officer", "--sub", "p-ola", "--name", "Ola", "--org", "7f-commercial", "--role", "procurement_officer");

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("PUBLIC development key", refused.Error);
        Assert.False(File.Exists(Path.Combine(_cli.Home, "profiles.json")));
    }

    [Fact]
    public async Task Profiles_are_kept_owner_only_and_picked_with_as()
    {
        await _cli.LoginAsync("officer", "p-ola", "Ola Officer", "7f-commercial", "procurement_officer");
        await _cli.LoginAsync("kent-cfo", "p-kcfo", "Chief Finance Officer (Kent)", "kent-opcc", "finance_officer", "kent");

        var current = await _cli.OkAsync("whoami");
        var picked = await _cli.OkAsync("--as", "officer", "whoami", "-q");
        var badRole = await _cli.RunAsync("login", "x", "--development", "--sub", "p", "--name", "P", "--org", "o", "--role", "Supplier");

        Assert.Contains("kent-opcc", current.Out);
        Assert.Contains("finance_officer", current.Out);
        Assert.Equal("p-ola", picked.Id);
        Assert.Equal(ExitCodes.Usage, badRole.ExitCode);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_cli.Home, "profiles.json")));

        await _cli.OkAsync("logout", "kent-cfo");
        Assert.Equal(ExitCodes.NotSignedIn, (await _cli.RunAsync("--as", "kent-cfo", "whoami")).ExitCode);
    }

    [Fact]
    public async Task A_real_token_is_stored_as_given_and_shown_by_its_claims()
    {
        var token = Procurement.Identity.DevelopmentTokens.Issue(
            new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Procurement.Identity.Role> { Procurement.Identity.Role.ProcurementOfficer }),
            TimeSpan.FromHours(1));

        await _cli.OkAsync("login", "real", "--token", token);
        var whoami = await _cli.OkAsync("whoami");
        var notAToken = await _cli.RunAsync("login", "bad", "--token", "not-a-jwt");

        Assert.Contains("Ola Officer", whoami.Out);
        Assert.Contains("stored token, expires", whoami.Out);
        Assert.Equal(ExitCodes.Usage, notAToken.ExitCode);
    }

    public void Dispose() => _cli.Dispose();
}
