using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Moderation.Tests.Integration.Support;

namespace Procurement.Moderation.Tests.Integration;

/// <summary>The moderation service's calls to the bid service (Grpc.Net.ClientFactory): retried, bounded, and a clear status when it is gone.</summary>
public sealed class BidServiceCallTests : ModerationTestBase
{
    [Fact]
    public async Task With_the_bid_service_gone_a_member_reading_bids_gets_UNAVAILABLE_saying_so_within_the_deadline()
    {
        var tender = await OpenJointTenderAsync();
        await AppointAsync(tender.Kent, People.KentOfficer, People.KentChair, People.KentOffice, People.KentForce);
        var declaration = new DeclareConflictsRequest { EvaluationId = tender.Kent };
        declaration.Declarations.Add(new ConflictDeclaration { Supplier = "victim-support" });
        declaration.Declarations.Add(new ConflictDeclaration { Supplier = "catch-22" });
        await Moderation.DeclareConflictsAsync(declaration, As(People.KentOffice));
        Assert.Equal(2, (await Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = tender.Kent }, As(People.KentOffice))).Offers.Count);

        await StopBidServiceAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = tender.Kent }, As(People.KentOffice)));
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.StartsWith("The bid service could not be reached", refused.Status.Detail);
    }

    [Fact]
    public void The_bid_service_client_retries_UNAVAILABLE_carries_the_served_calls_deadline_and_the_services_own_token()
    {
        var factory = ModerationServices.GetRequiredService<IOptionsMonitor<GrpcClientFactoryOptions>>().Get(typeof(OpenedBidService.OpenedBidServiceClient).Name);
        var channel = new global::Grpc.Net.Client.GrpcChannelOptions();
        foreach (var configure in factory.ChannelOptionsActions) configure(channel);

        var retry = Assert.Single(channel.ServiceConfig!.MethodConfigs).RetryPolicy!;
        Assert.Equal([StatusCode.Unavailable], retry.RetryableStatusCodes);
        Assert.True(retry.MaxAttempts > 1);
        // EnableCallContextPropagation adds the interceptor that passes the served call's deadline and cancellation on.
        Assert.NotEmpty(factory.InterceptorRegistrations);
        // WithServiceToken: the moderation service's own token on every call, never the member's.
        Assert.NotEmpty(factory.CallOptionsActions);
        Assert.True(channel.UnsafeUseInsecureChannelCallCredentials);
    }
}
