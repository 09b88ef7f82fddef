using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Procurement.Bids.Domain;
using Procurement.Bids.Tests.Integration.Support;
using Procurement.Contracts.Tender.V1;
using Procurement.Identity;
using Procurement.Testing;

namespace Procurement.Bids.Tests.Integration;

/// <summary>
/// A supplier may bid as soon as a tender is published: a tender whose TenderPublished has not reached the bid
/// service yet is asked of the tender service (its own token, a deadline), and judged by the bid service's clock.
/// </summary>
public sealed class TenderOnDemandTests : BidServiceTestBase
{
    [Fact]
    public async Task A_bid_for_a_published_tender_the_bid_service_has_not_heard_of_is_accepted_and_the_event_changes_nothing()
    {
        var tenderId = Guid.NewGuid();
        TenderService.Holds(JointTender.AsPublished(tenderId));

        var receipt = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00), JointTender.Offer("essex", 540_000_00));

        Assert.Equal((tenderId.ToString(), 1, "victim-support"), (receipt.TenderId, receipt.Version, receipt.Supplier));
        var view = await QueryAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.TenderId == tenderId));
        Assert.Equal((1, JointTender.SubmissionDeadline, TenderPhase.Open), (view.Revision, view.SubmissionDeadline, view.Phase));
        // It asked with its own token: the bid service, role suite_service; not the supplier's.
        var (caller, refusal) = await DevelopmentTokens.ValidateAsync(Assert.Single(TenderService.Tokens)["Bearer ".Length..], Clock);
        Assert.Null(refusal);
        Assert.Equal("service:bids", caller!.PersonId);
        Assert.Equal([Role.SuiteService], caller.Roles);

        // The publication's event, arriving after, is applied once and changes nothing; bids go on.
        await DeliverAsync(JointTender.Published(tenderId));
        await Eventually.True(() => QueryAsync(db => db.Set<Procurement.Messaging.Inbox.InboxMessage>().AnyAsync(m => m.ConsumerName.EndsWith("TenderPublishedConsumer"))),
            "TenderPublished applied");
        Assert.Equal(1, (await QueryAsync(db => db.Tenders.AsNoTracking().SingleAsync(t => t.TenderId == tenderId))).Revision);
        await SubmitAsync(People.Catch22, tenderId, JointTender.Offer("essex", 520_000_00));
        var opened = await CloseAsync(tenderId);
        Assert.Equal(2, opened.Single(e => e.LotId == "essex").Bids.Count);
    }

    [Fact]
    public async Task A_tender_the_tender_service_does_not_know_or_has_not_published_is_NOT_FOUND()
    {
        var draft = Guid.NewGuid();
        TenderService.Holds(JointTender.AsPublished(draft, TenderStatus.Draft));

        foreach (var tenderId in new[] { Guid.NewGuid(), draft })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1)));
            Assert.Equal(StatusCode.NotFound, refused.StatusCode);
            Assert.Equal($"Tender '{tenderId}' is not open to bids: it does not exist or is not published.", refused.Status.Detail);
        }
        Assert.False(await QueryAsync(db => db.Tenders.AnyAsync(t => t.TenderId == draft)));
    }

    [Fact]
    public async Task With_the_tender_service_unreachable_a_bid_for_an_unheard_of_tender_is_UNAVAILABLE_to_try_again()
    {
        await TenderService.StopAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await SubmitAsync(People.VictimSupport, Guid.NewGuid(), JointTender.Offer("kent", 1)));

        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("has not reached the bid service yet and the tender service could not be asked just now; try again shortly", refused.Status.Detail);
        // A tender it knows from its events is still open to bids without the tender service.
        var known = await PublishTenderAsync();
        Assert.Equal(1, (await SubmitAsync(People.VictimSupport, known, JointTender.Offer("kent", 1_000_000_00))).Version);
    }
}
