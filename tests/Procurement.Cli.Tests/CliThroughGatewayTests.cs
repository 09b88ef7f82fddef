using System.Text.Json.Nodes;
using Procurement.EndToEnd.Tests;
using Procurement.Identity;

namespace Procurement.Cli.Tests;

/// <summary>
/// The CLI in-process against the four services behind the gateway (ServicesTestBase). As in a suite whose clock
/// control is on, tokens are judged by the real clock while the business clock (the harness's, from 2022) moves.
/// </summary>
public sealed class CliThroughGatewayTests : ServicesTestBase
{
    private CliRunner? _runner;
    private CliRunner Cli => _runner ??= new CliRunner(GatewayAddress, TimeProvider.System);

    protected override TimeProvider TokenClock => TimeProvider.System;

    private static readonly string TenderFile = Repository.PathOf("demo/kent-essex/tender.yaml");

    private async Task LoginOfficerAndSupplierAsync()
    {
        await Cli.LoginAsync("officer", "p-ola", "Ola Officer", "7f-commercial", "procurement_officer");
        await Cli.LoginAsync("victim-support", "p-victim-support", "Bidder for victim-support", "victim-support", "supplier");
    }

    [Fact]
    public async Task A_tender_created_from_yaml_and_published_takes_a_bid_whose_receipt_verifies()
    {
        await LoginOfficerAndSupplierAsync();

        var tenderId = (await Cli.OkAsync("--as", "officer", "tender", "create", "--file", TenderFile, "-q")).Id;
        var published = await Cli.OkAsync("--as", "officer", "tender", "publish", tenderId);
        var receiptFile = Path.Combine(Cli.Home, "receipt.json");
        var bidId = (await Cli.OkAsync("--as", "victim-support", "bid", "submit", "--tender", tenderId,
            "--file", Repository.PathOf("demo/kent-essex/victim-support.yaml"), "--receipt", receiptFile, "--wait", "-q")).Id;
        var verified = await Cli.OkAsync("--as", "victim-support", "bid", "verify", "--receipt", receiptFile);
        var verifiedOffline = await Cli.OkAsync("bid", "verify", "--receipt", receiptFile, "--offline");
        var shown = JsonNode.Parse((await Cli.OkAsync("--as", "victim-support", "bid", "show", bidId, "--json")).Out)!;
        var listed = await Cli.OkAsync("--as", "victim-support", "tender", "list");

        Assert.True(Guid.TryParse(tenderId, out _), tenderId);
        // The CLI sent an idempotency key with the submission: the bid service recorded its answer under it (decision 0026).
        Assert.Equal(1, await BidIdempotencyKeysAsync());
        Assert.Contains("status:", published.Out);
        Assert.Matches(@"status:\s+published", published.Out);
        Assert.Matches(@"kent\s+\| kent\s+\| Kent victims' advocacy and support", published.Out);
        Assert.Matches(@"matches:\s+yes", verified.Out);
        Assert.Matches(@"signed with:\s+development", verified.Out);
        Assert.Matches(@"matches:\s+yes", verifiedOffline.Out);
        Assert.Contains("offline: the signature only", verifiedOffline.Out);
        Assert.Equal(("victim-support", "BID_STATUS_SUBMITTED", tenderId), ((string?)shown["supplier"], (string?)shown["status"], (string?)shown["tenderId"]));
        Assert.Equal(["kent", "essex"], shown["offers"]!.AsArray().Select(o => (string?)o!["lotId"]));
        Assert.Contains("7F-2022-VAS-001", listed.Out);
    }

    [Fact]
    public async Task A_receipt_whose_time_was_moved_is_refused_naming_the_field_online_and_by_its_signature_offline()
    {
        await LoginOfficerAndSupplierAsync();
        var tenderId = (await Cli.OkAsync("--as", "officer", "tender", "create", "--file", TenderFile, "-q")).Id;
        await Cli.OkAsync("--as", "officer", "tender", "publish", tenderId);
        var receiptFile = Path.Combine(Cli.Home, "receipt.json");
        await Cli.OkAsync("--as", "victim-support", "bid", "submit", "--tender", tenderId,
            "--file", Repository.PathOf("demo/kent-essex/victim-support.yaml"), "--receipt", receiptFile, "--wait");
        var keysFile = Path.Combine(Cli.Home, "receipt-keys.json");
        await File.WriteAllTextAsync(keysFile, await GatewayHttp.GetStringAsync("/.well-known/receipt-keys.json"));
        var goodOffline = await Cli.OkAsync("bid", "verify", "--receipt", receiptFile, "--offline", "--keys", keysFile);
        var receipt = JsonNode.Parse(await File.ReadAllTextAsync(receiptFile))!;
        var received = DateTimeOffset.Parse((string)receipt["receivedAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        receipt["receivedAt"] = received.AddSeconds(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(receiptFile, receipt.ToJsonString());

        var online = await Cli.RunAsync("--as", "victim-support", "bid", "verify", "--receipt", receiptFile);
        var offline = await Cli.RunAsync("bid", "verify", "--receipt", receiptFile, "--offline");
        var offlineWithFile = await Cli.RunAsync("bid", "verify", "--receipt", receiptFile, "--offline", "--keys", keysFile);

        Assert.Matches(@"matches:\s+yes", goodOffline.Out);
        Assert.Equal(ExitCodes.Refused, online.ExitCode);
        Assert.Matches(@"differs: received_at:\s+received_at differs: the receipt says \S+, the bid service recorded \S+\.", online.Out);
        Assert.Contains("differs: signature:", online.Out);
        Assert.Contains("does not match: received_at differs", online.Error);
        foreach (var run in new[] { offline, offlineWithFile })
        {
            Assert.Equal(ExitCodes.Refused, run.ExitCode);
            Assert.Contains("signature does not verify with key development", run.Error);
        }
    }

    [Fact]
    public async Task A_refused_publication_exits_1_with_the_status_and_each_field_violation()
    {
        await LoginOfficerAndSupplierAsync();
        var tenderId = (await Cli.OkAsync("--as", "officer", "tender", "create", "--file", TenderFile,
            "--clarification-deadline", "2022-07-01T12:00:00Z", "--submission-deadline", "2022-08-01T12:00:00Z", "-q")).Id;

        var refused = await Cli.RunAsync("--as", "officer", "tender", "publish", tenderId);

        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Matches(@"^error: (INVALID_ARGUMENT|FAILED_PRECONDITION): ", refused.Error);
        Assert.Contains("\n  timetable.submission_deadline: must be in the future (it is 2022-08-01 12:00:00Z, now is 2022-09-01 09:00:00Z)", refused.Error);
        Assert.Contains("\n  timetable.clarification_deadline: must be in the future", refused.Error);
    }

    [Fact]
    public async Task Calls_outside_a_role_are_refused_and_a_tampered_receipt_does_not_verify()
    {
        await LoginOfficerAndSupplierAsync();
        var tenderId = (await Cli.OkAsync("--as", "officer", "tender", "create", "--file", TenderFile, "-q")).Id;
        await Cli.OkAsync("--as", "officer", "tender", "publish", tenderId);
        var receiptFile = Path.Combine(Cli.Home, "receipt.json");
        await Cli.OkAsync("--as", "victim-support", "bid", "submit", "--tender", tenderId,
            "--file", Repository.PathOf("demo/kent-essex/victim-support.yaml"), "--receipt", receiptFile, "--wait");
        var receipt = JsonNode.Parse(await File.ReadAllTextAsync(receiptFile))!;
        receipt["digestSha256"] = new string('0', 64);
        await File.WriteAllTextAsync(receiptFile, receipt.ToJsonString());

        var supplierDrafting = await Cli.RunAsync("--as", "victim-support", "tender", "create", "--file", TenderFile);
        var supplierAtModeration = await Cli.RunAsync("--as", "victim-support", "panel", "list");
        var tampered = await Cli.RunAsync("--as", "victim-support", "bid", "verify", "--receipt", receiptFile);

        Assert.Equal(ExitCodes.Refused, supplierDrafting.ExitCode);
        Assert.StartsWith("error: PERMISSION_DENIED: ", supplierDrafting.Error);
        Assert.Equal(ExitCodes.Refused, supplierAtModeration.ExitCode);
        Assert.StartsWith("error: PERMISSION_DENIED: ", supplierAtModeration.Error);
        Assert.Equal(ExitCodes.Refused, tampered.ExitCode);
        Assert.Matches(@"matches:\s+NO", tampered.Out);
        Assert.Contains("does not match", tampered.Error);
    }

    [Fact]
    public async Task An_expired_token_exits_3_before_any_call_and_a_refused_one_exits_3_after()
    {
        var officer = new Caller("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });
        var expired = DevelopmentTokens.Issue(officer, TimeSpan.FromHours(1), new FixedClock(DateTimeOffset.UtcNow - TimeSpan.FromHours(2)));
        var wrongAudience = DevelopmentTokens.Issue(officer, TimeSpan.FromHours(1), audience: "someone-else");
        await Cli.OkAsync("login", "expired", "--token", expired);
        await Cli.OkAsync("login", "elsewhere", "--token", wrongAudience);

        var before = await Cli.RunAsync("--as", "expired", "tender", "list");
        var after = await Cli.RunAsync("--as", "elsewhere", "tender", "list");

        Assert.Equal(ExitCodes.NotSignedIn, before.ExitCode);
        Assert.Contains("The token of profile 'expired' expired at", before.Error);
        Assert.Equal(ExitCodes.NotSignedIn, after.ExitCode);
        Assert.StartsWith("error: UNAUTHENTICATED: ", after.Error);
    }

    [Fact]
    public async Task The_clock_moves_by_a_duration_and_past_a_deadline_for_a_procurement_officer_only()
    {
        await LoginOfficerAndSupplierAsync();
        var tenderId = (await Cli.OkAsync("--as", "officer", "tender", "create", "--file", TenderFile, "-q")).Id;
        var started = Clock.GetUtcNow();

        var shown = await Cli.OkAsync("--as", "officer", "clock", "show");
        var byDuration = await Cli.OkAsync("--as", "officer", "clock", "advance", "17d");
        var afterDuration = Clock.GetUtcNow();
        var pastDeadline = await Cli.OkAsync("--as", "officer", "clock", "advance", "--past-deadline", tenderId, "-q");
        var supplier = await Cli.RunAsync("--as", "victim-support", "clock", "advance", "1d");

        Assert.Matches(@"\| tenders\s+\| 2022-09-01 09:00:00 UTC", shown.Out);
        Assert.Equal(started + TimeSpan.FromDays(17), afterDuration);
        Assert.Contains("Clock advanced by 17d.", byDuration.Out);
        Assert.Equal(new DateTimeOffset(2022, 10, 31, 12, 1, 0, TimeSpan.Zero), Clock.GetUtcNow());
        Assert.Equal(Clock.GetUtcNow(), DateTimeOffset.Parse(pastDeadline.Id, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ExitCodes.Refused, supplier.ExitCode);
        Assert.StartsWith("error: PERMISSION_DENIED: ", supplier.Error);
    }

    public override async Task DisposeAsync()
    {
        _runner?.Dispose();
        await base.DisposeAsync();
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
