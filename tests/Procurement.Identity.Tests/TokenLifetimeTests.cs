using Grpc.Core;
using Procurement.Identity.Tests.Protos;
using Procurement.Identity.Tests.Support;
using static Procurement.Identity.Tests.Support.ProbeServer;

namespace Procurement.Identity.Tests;

/// <summary>A server of its own: these tests move its token clock.</summary>
public sealed class ClockedProbeServer : ProbeServer;

/// <summary>Expiry by the injected clock: a token stops working when the clock passes its expiry plus the 30 s skew.</summary>
public class TokenLifetimeTests(ClockedProbeServer server) : IClassFixture<ClockedProbeServer>
{
    private Task<CallerView> WhoAmI(string token) => server.Probe.WhoAmIAsync(new ProbeRequest(), Bearer(token)).ResponseAsync;

    [Fact]
    public async Task A_token_works_until_expiry_and_skew_have_passed_then_is_refused_as_expired()
    {
        var token = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(5), server.Clock);
        Assert.True((await WhoAmI(token)).Present);

        server.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(29));
        Assert.True((await WhoAmI(token)).Present);

        server.Clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<RpcException>(() => WhoAmI(token));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("The bearer token has expired; sign in again.", error.Status.Detail);
    }

    [Fact]
    public async Task A_token_from_a_clock_running_ahead_beyond_the_skew_is_not_valid_yet()
    {
        var ahead = new Procurement.Testing.ManualTimeProvider(server.Clock.GetUtcNow().AddMinutes(2));
        var token = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(5), ahead);
        var error = await Assert.ThrowsAsync<RpcException>(() => WhoAmI(token));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.StartsWith("The bearer token is not valid yet", error.Status.Detail);
    }

    [Fact]
    public async Task A_token_from_a_clock_running_slightly_ahead_is_accepted()
    {
        var ahead = new Procurement.Testing.ManualTimeProvider(server.Clock.GetUtcNow().AddSeconds(20));
        Assert.True((await WhoAmI(DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(5), ahead))).Present);
    }
}
