using Procurement.Identity;
using Xunit.Abstractions;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// A foreign gRPC peer (grpc-js, tests/Interop/grpc-js) at the gateway of the running suite, knowing nothing of it but
/// what the gateway's reflection says: what grpcurl's list/describe do, a call built from those descriptors alone,
/// health, deadlines, cancellation, metadata both ways, a rich-error refusal decoded field by field, an over-limit message.
/// </summary>
public sealed class ForeignPeerThroughGatewayTests(ITestOutputHelper log) : ServicesTestBase
{

    private string Target => $"{GatewayAddress.Host}:{GatewayAddress.Port}";
    private string OfficerToken => DevelopmentTokens.Issue(KentAndEssex.Officer, TimeSpan.FromHours(1), TokenClock);

    [Fact]
    public async Task Reflection_at_the_gateway_lists_and_describes_the_four_services_and_a_call_from_its_descriptors_works()
    {
        var (code, output) = await NodePeer.RunAsync(log, "reflect.js", $"--server_host={GatewayAddress.Host}", $"--server_port={GatewayAddress.Port}",
            $"--token={OfficerToken}",
            "--expect_service=procurement.tender.v1.TenderService,procurement.bid.v1.BidService,procurement.moderation.v1.ModerationService,procurement.award.v1.AwardService",
            "--call=procurement.tender.v1.TenderService/ListTenders");

        Assert.True(code == 0, output);
        Assert.Contains("listed procurement.award.v1.AwardService", output);
        Assert.Contains("  rpc Publish(procurement.tender.v1.PublishRequest) returns (procurement.tender.v1.Tender)", output);
        Assert.Contains("call procurement.tender.v1.TenderService/ListTenders (types from reflection): OK", output);
        Assert.Contains("health Check \"\": SERVING", output);
    }

    [Fact]
    public async Task Reflection_at_the_gateway_needs_a_signed_in_caller()
    {
        var (code, output) = await NodePeer.RunAsync(log, "reflect.js", $"--server_host={GatewayAddress.Host}", $"--server_port={GatewayAddress.Port}");

        Assert.Equal(1, code);
        Assert.Contains("UNAUTHENTICATED", output);
    }

    [Fact]
    public async Task The_foreign_peers_cases_through_the_gateway_pass()
    {
        var (code, output) = await NodePeer.RunAsync(log, "gateway.js", $"--target={Target}", $"--token={OfficerToken}");

        Assert.True(code == 0, output);
        foreach (var name in new[] { "health", "reflection", "metadata-in", "deadline", "cancel", "rich-error", "over-limit" })
            Assert.Contains($"ok {name}: ", output);
        Assert.Contains("field violation(s) decoded from grpc-status-details-bin", output);
    }
}
