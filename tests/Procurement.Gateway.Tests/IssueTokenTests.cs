using Procurement.Gateway.Tokens;
using Procurement.Identity;

namespace Procurement.Gateway.Tests;

public sealed class IssueTokenTests
{
    private static readonly string[] OlaArgs =
        ["--sub", "p-ola", "--name", "Ola Officer", "--org", "7f-commercial", "--role", "procurement_officer", "--commissioner", "kent", "--hours", "8"];

    [Fact]
    public async Task Issued_token_validates_with_the_development_key_and_describes_the_caller()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var (code, stdout, stderr) = Run(OlaArgs, "Development", clock);

        Assert.Equal(0, code);
        Assert.Contains("DEVELOPMENT-ONLY", stderr);
        var (caller, _) = await DevelopmentTokens.ValidateAsync(stdout.Trim(), clock);
        Assert.Equal(new Caller("p-ola", "Ola Officer", "7f-commercial", "kent", new HashSet<Role> { Role.ProcurementOfficer }), caller);

        clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        Assert.Equal("The bearer token has expired; sign in again.", (await DevelopmentTokens.ValidateAsync(stdout.Trim(), clock)).Refusal?.Message);
    }

    [Fact]
    public void Outside_Development_it_refuses_unless_told_development()
    {
        var (refused, refusedOut, refusedErr) = Run(OlaArgs, "Production");
        var (allowed, allowedOut, _) = Run([.. OlaArgs, "--development"], "Production");

        Assert.Equal(3, refused);
        Assert.Empty(refusedOut);
        Assert.Contains("PUBLIC development key", refusedErr);
        Assert.Equal(0, allowed);
        Assert.NotEmpty(allowedOut.Trim());
    }

    [Fact]
    public void Unknown_role_is_refused_naming_the_roles()
    {
        var (code, stdout, stderr) = Run(["--sub", "x", "--name", "X", "--org", "o", "--role", "Supplier"], "Development");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("'Supplier' is not a role", stderr);
    }

    private static (int Code, string Stdout, string Stderr) Run(string[] args, string environment, TimeProvider? clock = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = IssueTokenCommand.Run(args, stdout, stderr, environment, clock);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
