using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;
using Procurement.Identity;

namespace Procurement.Gateway.Tests;

public sealed class AuthenticationTests : ProbeGatewayTestBase
{
    [Fact]
    public async Task Call_without_a_token_is_unauthenticated_and_never_forwarded()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), Anonymous));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.Contains("needs a bearer token", failure.Status.Detail);
        Assert.Empty(Probe.Calls.Methods);
    }

    [Fact]
    public async Task Malformed_token_is_unauthenticated_with_the_reason()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
            await Awards.EchoAsync(new EchoRequest(), WithAuthorization("Bearer not-a-jwt")));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.Equal("The bearer token is malformed or not valid.", failure.Status.Detail);
        Assert.Empty(Probe.Calls.Methods);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_unauthenticated()
    {
        var genuine = DevelopmentTokens.Issue(People.Supplier, TimeSpan.FromHours(1), Clock);
        var parts = genuine.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";

        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
            await Awards.EchoAsync(new EchoRequest(), WithAuthorization("Bearer " + forged)));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.Equal("The bearer token's signature is not valid.", failure.Status.Detail);
    }

    [Fact]
    public async Task Expired_token_is_unauthenticated_with_the_reason()
    {
        var options = Gateway.As(People.Supplier);   // valid for an hour on the gateway's clock
        await Awards.EchoAsync(new EchoRequest(), options);

        Clock.Advance(TimeSpan.FromHours(2));
        var failure = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), options));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.Equal("The bearer token has expired; sign in again.", failure.Status.Detail);
        Assert.Single(Probe.Calls.Methods);
    }
}
